package dev.rapport.reminders.relationship;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.rapport.reminders.relationship.EvaluationFailures.Failure;
import dev.rapport.reminders.relationship.EvaluationFailures.Kind;
import dev.rapport.reminders.relationship.EvaluationFailures.Stage;

import static dev.rapport.reminders.Timestamps.instant;
import static dev.rapport.reminders.Timestamps.ts;

/** The scheduler's set-aside rows ({@code evaluation_failure}), one per relationship or reminder. */
@Repository
public class EvaluationFailureRepository {

	private final JdbcClient jdbc;

	public EvaluationFailureRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records one more failed attempt and returns how many there have been, this one included. */
	public int failed(Kind kind, UUID id, Stage stage, String reason, Instant now) {
		return jdbc.sql("""
				insert into evaluation_failure (kind, subject_id, stage, reason, attempts, first_failed_at, last_failed_at,
				  next_attempt_at)
				values (:kind, :id, :stage, :reason, 1, :now, :now, :now)
				on conflict (kind, subject_id) do update set stage = excluded.stage, reason = excluded.reason,
				  attempts = evaluation_failure.attempts + 1, last_failed_at = excluded.last_failed_at
				returning attempts
				""")
			.param("kind", kind.name())
			.param("id", id)
			.param("stage", stage.name())
			.param("reason", reason)
			.param("now", ts(now))
			.query(Integer.class)
			.single();
	}

	/** The rows of {@code kind} set aside and not yet due for their next attempt at {@code now}. */
	public Set<UUID> waiting(Kind kind, Instant now) {
		return new HashSet<>(jdbc.sql("select subject_id from evaluation_failure where kind = :kind and next_attempt_at > :now")
			.param("kind", kind.name())
			.param("now", ts(now))
			.query(UUID.class)
			.list());
	}

	public void retryAt(Kind kind, UUID id, Instant next) {
		jdbc.sql("update evaluation_failure set next_attempt_at = :next where kind = :kind and subject_id = :id")
			.param("kind", kind.name())
			.param("id", id)
			.param("next", ts(next))
			.update();
	}

	/** Deletes the records of those of {@code ids} that have one; returns them (with their attempts). */
	public List<Failure> clear(Kind kind, Collection<UUID> ids) {
		return jdbc.sql("delete from evaluation_failure where kind = :kind and subject_id in (:ids) returning *")
			.param("kind", kind.name())
			.param("ids", ids)
			.query(this::map)
			.list();
	}

	/** Drops records of rows that are gone or no longer due (erased, completed, dismissed, no longer tracked). */
	public int clearSettled() {
		return jdbc.sql("""
				delete from evaluation_failure f where
				  (kind = 'RELATIONSHIP' and not exists (select 1 from relationship r where r.contact_id = f.subject_id
				    and r.next_evaluation_at is not null))
				  or (kind = 'REMINDER' and not exists (select 1 from reminder r where r.id = f.subject_id
				    and r.status = 'PENDING'))
				""").update();
	}

	/** The most recent failures first. */
	public List<Failure> list(int limit) {
		return jdbc.sql("select * from evaluation_failure order by last_failed_at desc, subject_id limit :limit")
			.param("limit", limit)
			.query(this::map)
			.list();
	}

	public long count() {
		return jdbc.sql("select count(*) from evaluation_failure").query(Long.class).single();
	}

	private Failure map(ResultSet rs, int row) throws SQLException {
		return new Failure(Kind.valueOf(rs.getString("kind")), rs.getObject("subject_id", UUID.class),
				Stage.valueOf(rs.getString("stage")), rs.getString("reason"), rs.getInt("attempts"),
				instant(rs, "first_failed_at"), instant(rs, "last_failed_at"), instant(rs, "next_attempt_at"));
	}

}
