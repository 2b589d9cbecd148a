package dev.rapport.reminders.digest;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.rapport.reminders.digest.DigestSchedule.Frequency;

/** Members' digest settings; a member without a row has {@link #defaults}. */
@Component
class DigestSettings {

	static final DayOfWeek DEFAULT_WEEKDAY = DayOfWeek.MONDAY;

	static final int DEFAULT_HOUR = 8;

	private final JdbcClient jdbc;

	DigestSettings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The default: weekly, Monday, 08:00 in {@code zone}. */
	static DigestSchedule defaults(ZoneId zone) {
		return new DigestSchedule(Frequency.WEEKLY, DEFAULT_WEEKDAY, DEFAULT_HOUR, zone);
	}

	Optional<DigestSchedule> find(UUID memberId) {
		return jdbc.sql("select frequency, weekday, hour, time_zone from digest_setting where member_id = :member")
			.param("member", memberId)
			.query((rs, row) -> new DigestSchedule(Frequency.valueOf(rs.getString("frequency")),
					DayOfWeek.valueOf(rs.getString("weekday")), rs.getInt("hour"), ZoneId.of(rs.getString("time_zone"))))
			.optional();
	}

	void save(UUID teamId, UUID memberId, DigestSchedule schedule, Instant now) {
		jdbc.sql("""
				insert into digest_setting (member_id, team_id, frequency, weekday, hour, time_zone, updated_at)
				values (:member, :team, :frequency, :weekday, :hour, :zone, :now)
				on conflict (member_id) do update set team_id = excluded.team_id, frequency = excluded.frequency,
				  weekday = excluded.weekday, hour = excluded.hour, time_zone = excluded.time_zone,
				  updated_at = excluded.updated_at
				""")
			.param("member", memberId)
			.param("team", teamId)
			.param("frequency", schedule.frequency().name())
			.param("weekday", schedule.weekday().name())
			.param("hour", schedule.hour())
			.param("zone", schedule.zone().getId())
			.param("now", Timestamp.from(now))
			.update();
	}

	void delete(UUID memberId) {
		jdbc.sql("delete from digest_setting where member_id = :member").param("member", memberId).update();
	}

}
