package dev.rapport.reminders.member;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where to write to each member and what to call them: a copy of the gateway's members, kept by whoever consumes their
 * state (upsert on every change, remove when a member leaves the team or is deleted). Notifications read it; nothing
 * here decides who is a member.
 */
@Component
public class MemberDirectory {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	public MemberDirectory(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
	}

	/** Records a member's current address and name (either may be null: unknown); a member moving team moves too. */
	@Transactional
	public void upsert(UUID teamId, UUID memberId, String email, String displayName) {
		jdbc.sql("""
				insert into member_directory (member_id, team_id, email, display_name, updated_at)
				values (:member, :team, :email, :name, :now)
				on conflict (member_id) do update set team_id = excluded.team_id, email = excluded.email,
				  display_name = excluded.display_name, updated_at = excluded.updated_at
				""")
			.param("member", memberId)
			.param("team", teamId)
			.param("email", email == null || email.isBlank() ? null : email.strip())
			.param("name", displayName)
			.param("now", Timestamp.from(clock.instant()))
			.update();
	}

	/**
	 * Forgets a member, and (through {@link MemberRemoved}, in the same transaction) what notifications kept for them:
	 * their settings and the mail not yet sent. Removing one who is not there is no error.
	 */
	@Transactional
	public void remove(UUID memberId) {
		jdbc.sql("delete from member_directory where member_id = :member").param("member", memberId).update();
		events.publishEvent(new MemberRemoved(memberId));
	}

	@Transactional(readOnly = true)
	public Optional<Entry> find(UUID memberId) {
		return jdbc.sql("select member_id, team_id, email, display_name from member_directory where member_id = :member")
			.param("member", memberId)
			.query((rs, row) -> new Entry(rs.getObject("team_id", UUID.class), rs.getObject("member_id", UUID.class),
					rs.getString("email"), rs.getString("display_name")))
			.optional();
	}

	/** One member: {@code email} and {@code displayName} null when unknown. */
	public record Entry(UUID teamId, UUID memberId, String email, String displayName) {
	}

	/** Published (synchronously, inside the removing transaction) when a member leaves the directory. */
	public record MemberRemoved(UUID memberId) {
	}

}
