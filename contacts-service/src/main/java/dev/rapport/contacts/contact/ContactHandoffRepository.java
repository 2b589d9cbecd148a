package dev.rapport.contacts.contact;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The history of who handed which contact to whom ({@code contact_handoff}), one row per contact of a handoff. */
@Repository
class ContactHandoffRepository {

	private final JdbcClient jdbc;

	ContactHandoffRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records that {@code contactIds} went from {@code from} to {@code to}, in one statement however many they are. */
	void record(UUID handoffId, UUID teamId, Collection<UUID> contactIds, UUID from, UUID to, UUID by, Instant at) {
		jdbc.sql("""
				insert into contact_handoff (handoff_id, contact_id, team_id, from_member, to_member, by_member, handed_at)
				select :handoff, c, :team, :from, :to, :by, :at from unnest(cast(:ids as uuid[])) c
				""")
			.param("handoff", handoffId)
			.param("ids", contactIds.toArray(UUID[]::new))
			.param("team", teamId)
			.param("from", from)
			.param("to", to)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** One handoff as it was recorded (a resend's answer): who, from, to, when, and the contacts still there. */
	List<ContactHandoff> find(UUID teamId, UUID handoffId) {
		return jdbc.sql("""
				select handoff_id, contact_id, from_member, to_member, by_member, handed_at from contact_handoff
				where team_id = :team and handoff_id = :handoff order by contact_id
				""").param("team", teamId).param("handoff", handoffId).query(ContactHandoffRepository::map).list();
	}

	/** The contact's handoffs, the latest first. */
	List<ContactHandoff> ofContact(UUID teamId, UUID contactId) {
		return jdbc.sql("""
				select handoff_id, contact_id, from_member, to_member, by_member, handed_at from contact_handoff
				where team_id = :team and contact_id = :contact order by handed_at desc, handoff_id
				""").param("team", teamId).param("contact", contactId).query(ContactHandoffRepository::map).list();
	}

	private static ContactHandoff map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new ContactHandoff(rs.getObject("handoff_id", UUID.class), rs.getObject("contact_id", UUID.class),
				rs.getObject("from_member", UUID.class), rs.getObject("to_member", UUID.class),
				rs.getObject("by_member", UUID.class), rs.getTimestamp("handed_at").toInstant());
	}

}
