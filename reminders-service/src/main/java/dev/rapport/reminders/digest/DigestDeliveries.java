package dev.rapport.reminders.digest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.rapport.reminders.digest.DigestSchedule.Frequency;

/**
 * The digest's delivery rows: made once per member and period (a unique index, insert-on-conflict-do-nothing, so
 * any number of instances may try), claimed under a lease with {@code FOR UPDATE SKIP LOCKED}, then closed as sent,
 * skipped (nothing to say) or failed (tried again later).
 */
@Component
class DigestDeliveries {

	private final JdbcClient jdbc;

	DigestDeliveries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A member who may get a digest: in the directory with an address, and their schedule (defaults: no row). */
	record Recipient(UUID teamId, UUID memberId, DigestSchedule schedule) {
	}

	/** A delivery a sender holds. */
	record Claimed(UUID id, UUID teamId, UUID memberId, Kind kind, Instant periodStart, Instant scheduledFor,
			int attempts, UUID lease) {
	}

	public enum Kind {
		DIGEST, TEST
	}

	public enum Status {
		PENDING, FAILED, SENT, SKIPPED
	}

	/** One row as the member sees it. */
	@Schema(name = "DigestDelivery")
	public record Delivery(UUID id, Kind kind, Instant periodStart, Status status, int attempts, Instant sentAt, String error,
			Integer entries) {
	}

	/** Every member with an address whose digest is not off. A stored time zone Java no longer knows reads as UTC. */
	List<Recipient> recipients() {
		return jdbc.sql("""
				select d.team_id, d.member_id, s.frequency, s.weekday, s.hour, s.time_zone
				from member_directory d left join digest_setting s on s.member_id = d.member_id
				where d.email is not null and coalesce(s.frequency, 'WEEKLY') <> 'OFF'
				""")
			.query((rs, row) -> new Recipient(rs.getObject("team_id", UUID.class), rs.getObject("member_id", UUID.class),
					schedule(rs)))
			.list();
	}

	private static DigestSchedule schedule(ResultSet rs) throws SQLException {
		if (rs.getString("frequency") == null) {
			return DigestSettings.defaults(ZoneId.of("UTC"));
		}
		ZoneId zone;
		try {
			zone = ZoneId.of(rs.getString("time_zone"));
		}
		catch (RuntimeException ex) {
			zone = ZoneId.of("UTC");
		}
		return new DigestSchedule(Frequency.valueOf(rs.getString("frequency")), DayOfWeek.valueOf(rs.getString("weekday")),
				rs.getInt("hour"), zone);
	}

	/** A period's digest that is due now: made with its id and key, unless it exists already. */
	record Due(UUID teamId, UUID memberId, Instant periodStart, Instant sendAt) {
	}

	/** Makes the rows of {@code due} that do not exist yet; answers how many it made. */
	int create(List<Due> due, Instant now) {
		if (due.isEmpty()) {
			return 0;
		}
		return jdbc.sql("""
				insert into digest_delivery (id, team_id, member_id, kind, period_start, scheduled_for, status,
				  next_attempt_at, created_at, updated_at)
				select gen_random_uuid(), t, m, 'DIGEST', p, s, 'PENDING', :now, :now, :now
				from unnest(string_to_array(:teams, ',')::uuid[], string_to_array(:members, ',')::uuid[],
				  string_to_array(:periods, ',')::timestamptz[], string_to_array(:sends, ',')::timestamptz[]) as d(t, m, p, s)
				on conflict (team_id, member_id, period_start) where kind = 'DIGEST' do nothing
				""")
			.param("teams", join(due.stream().map(d -> d.teamId().toString())))
			.param("members", join(due.stream().map(d -> d.memberId().toString())))
			.param("periods", join(due.stream().map(d -> d.periodStart().toString())))
			.param("sends", join(due.stream().map(d -> d.sendAt().toString())))
			.param("now", Timestamp.from(now))
			.update();
	}

	private static String join(java.util.stream.Stream<String> values) {
		return values.collect(Collectors.joining(","));
	}

	/** A test mail the member asked for: its own row, never the period's. */
	UUID createTest(UUID teamId, UUID memberId, Instant now) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into digest_delivery (id, team_id, member_id, kind, period_start, scheduled_for, status,
				  next_attempt_at, created_at, updated_at)
				values (:id, :team, :member, 'TEST', :now, :now, 'PENDING', :now, :now, :now)
				""")
			.param("id", id)
			.param("team", teamId)
			.param("member", memberId)
			.param("now", Timestamp.from(now))
			.update();
		return id;
	}

	/**
	 * Takes up to {@code limit} deliveries due by {@code now} (or only {@code onlyId}) that no live lease holds, for
	 * {@code lease}: until {@code leaseUntil} no other sender takes them, and one that died lets them lapse. Rows
	 * another transaction is claiming right now are skipped, not waited for. Each claim counts as an attempt.
	 */
	List<Claimed> claim(Instant now, Instant leaseUntil, int limit, UUID onlyId) {
		UUID lease = UUID.randomUUID();
		return jdbc.sql("""
				update digest_delivery set lease_id = :lease, lease_until = :until, attempts = attempts + 1,
				  updated_at = :now
				where id in (select id from digest_delivery
				             where status in ('PENDING', 'FAILED') and next_attempt_at <= :now
				               and (lease_until is null or lease_until <= :now)
				               and (cast(:only as uuid) is null or id = cast(:only as uuid))
				             order by next_attempt_at limit :limit for update skip locked)
				returning id, team_id, member_id, kind, period_start, scheduled_for, attempts
				""")
			.param("lease", lease)
			.param("until", Timestamp.from(leaseUntil))
			.param("now", Timestamp.from(now))
			.param("only", onlyId)
			.param("limit", limit)
			.query((rs, row) -> new Claimed(rs.getObject("id", UUID.class), rs.getObject("team_id", UUID.class),
					rs.getObject("member_id", UUID.class), Kind.valueOf(rs.getString("kind")),
					rs.getTimestamp("period_start").toInstant(), rs.getTimestamp("scheduled_for").toInstant(),
					rs.getInt("attempts"), lease))
			.list();
	}

	/** Closes a claimed row as SENT or SKIPPED; false if its lease was lost meanwhile (another sender took it). */
	boolean close(Claimed claimed, Status status, int entries, Instant now) {
		return jdbc.sql("""
				update digest_delivery set status = :status, entries = :entries, error = null,
				  sent_at = case when :status = 'SENT' then cast(:now as timestamptz) end, next_attempt_at = null,
				  lease_id = null, lease_until = null, updated_at = :now
				where id = :id and lease_id = :lease
				""")
			.param("status", status.name())
			.param("entries", entries)
			.param("now", Timestamp.from(now))
			.param("id", claimed.id())
			.param("lease", claimed.lease())
			.update() == 1;
	}

	/** Records a failed attempt: tried again at {@code retryAt}, or never (null: given up). */
	void failed(Claimed claimed, String error, Instant retryAt, Instant now) {
		jdbc.sql("""
				update digest_delivery set status = 'FAILED', error = :error, next_attempt_at = :retry,
				  lease_id = null, lease_until = null, updated_at = :now
				where id = :id and lease_id = :lease
				""")
			.param("error", error)
			.param("retry", retryAt == null ? null : Timestamp.from(retryAt))
			.param("now", Timestamp.from(now))
			.param("id", claimed.id())
			.param("lease", claimed.lease())
			.update();
	}

	List<Delivery> recent(UUID memberId, int limit) {
		return jdbc.sql("""
				select id, kind, period_start, status, attempts, sent_at, error, entries from digest_delivery
				where member_id = :member order by created_at desc, period_start desc limit :limit
				""")
			.param("member", memberId)
			.param("limit", limit)
			.query((rs, row) -> new Delivery(rs.getObject("id", UUID.class), Kind.valueOf(rs.getString("kind")),
					rs.getTimestamp("period_start").toInstant(), Status.valueOf(rs.getString("status")),
					rs.getInt("attempts"), rs.getTimestamp("sent_at") == null ? null : rs.getTimestamp("sent_at").toInstant(),
					rs.getString("error"), rs.getObject("entries", Integer.class)))
			.list();
	}

	/** A member's mail not sent yet: it is not sent at all once they are gone. */
	void deleteUnsent(UUID memberId) {
		jdbc.sql("delete from digest_delivery where member_id = :member and status in ('PENDING', 'FAILED')")
			.param("member", memberId)
			.update();
	}

}
