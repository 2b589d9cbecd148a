package dev.rapport.reminders.calendar;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static dev.rapport.reminders.Timestamps.instant;
import static dev.rapport.reminders.Timestamps.ts;

/** Members' calendar feeds in PostgreSQL, found by member or by the SHA-256 of the URL's secret. */
@Repository
class CalendarFeedRepository {

	/** A fetch is recorded at most this often: a feed fetched every few seconds costs no write each time. */
	static final Duration FETCH_RECORDED_EVERY = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	CalendarFeedRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The member's feed, whose secret is now the one hashed to {@code secretSha256}: any previous one stops working. */
	void replace(UUID teamId, UUID userId, byte[] secretSha256, Instant now) {
		jdbc.sql("""
				insert into calendar_feed (team_id, user_id, secret_sha256, created_at) values (:team, :user, :hash, :now)
				on conflict (team_id, user_id) do update set secret_sha256 = excluded.secret_sha256,
				  created_at = excluded.created_at, last_fetched_at = null
				""")
			.param("team", teamId)
			.param("user", userId)
			.param("hash", secretSha256)
			.param("now", ts(now))
			.update();
	}

	Optional<CalendarFeed> find(UUID teamId, UUID userId) {
		return jdbc.sql("""
				select team_id, user_id, created_at, last_fetched_at from calendar_feed
				where team_id = :team and user_id = :user
				""").param("team", teamId).param("user", userId).query(CalendarFeedRepository::map).optional();
	}

	Optional<CalendarFeed> findBySecret(byte[] secretSha256) {
		return jdbc.sql("select team_id, user_id, created_at, last_fetched_at from calendar_feed where secret_sha256 = :hash")
			.param("hash", secretSha256)
			.query(CalendarFeedRepository::map)
			.optional();
	}

	/** Deletes the member's feed; true when there was one. */
	boolean delete(UUID teamId, UUID userId) {
		return jdbc.sql("delete from calendar_feed where team_id = :team and user_id = :user")
			.param("team", teamId)
			.param("user", userId)
			.update() == 1;
	}

	/** Records a fetch, unless one was recorded less than {@link #FETCH_RECORDED_EVERY} ago. */
	void recordFetch(UUID teamId, UUID userId, Instant now) {
		jdbc.sql("""
				update calendar_feed set last_fetched_at = :now
				where team_id = :team and user_id = :user and (last_fetched_at is null or last_fetched_at <= :before)
				""")
			.param("team", teamId)
			.param("user", userId)
			.param("now", ts(now))
			.param("before", ts(now.minus(FETCH_RECORDED_EVERY)))
			.update();
	}

	private static CalendarFeed map(ResultSet rs, int row) throws SQLException {
		return new CalendarFeed(rs.getObject("team_id", UUID.class), rs.getObject("user_id", UUID.class),
				instant(rs, "created_at"), instant(rs, "last_fetched_at"));
	}

	/** A member's feed, as stored (never its secret). */
	record CalendarFeed(UUID teamId, UUID userId, Instant createdAt, Instant lastFetchedAt) {
	}

}
