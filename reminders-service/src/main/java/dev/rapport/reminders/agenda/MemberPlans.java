package dev.rapport.reminders.agenda;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Members' weekly capacities, and how many people each reached in a week (from completed keep-in-touch nudges). */
@Repository
class MemberPlans {

	private final JdbcClient jdbc;

	MemberPlans(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Integer> capacity(UUID teamId, UUID userId) {
		return jdbc.sql("select weekly_capacity from member_plan where team_id = :team and user_id = :user")
			.param("team", teamId)
			.param("user", userId)
			.query((rs, row) -> rs.getObject("weekly_capacity", Integer.class))
			.optional();
	}

	void setCapacity(UUID teamId, UUID userId, Integer capacity, Instant now) {
		jdbc.sql("""
				insert into member_plan (team_id, user_id, weekly_capacity, updated_at) values (:team, :user, :capacity, :now)
				on conflict (team_id, user_id) do update set weekly_capacity = excluded.weekly_capacity,
				  updated_at = excluded.updated_at
				""")
			.param("team", teamId)
			.param("user", userId)
			.param("capacity", capacity)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** The distinct contacts whose keep-in-touch nudge for this member a conversation completed since {@code since}. */
	int reachedSince(UUID teamId, UUID userId, Instant since) {
		return jdbc.sql("""
				select count(distinct contact_id) from reminder
				where team_id = :team and user_id = :user and kind = 'KEEP_IN_TOUCH' and status = 'COMPLETED'
				  and closed_at >= :since
				""")
			.param("team", teamId)
			.param("user", userId)
			.param("since", Timestamp.from(since))
			.query(Integer.class)
			.single();
	}

}
