package dev.rapport.reminders.relationship;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.reminders.ClaimedRow;
import dev.rapport.reminders.RemindersProperties;
import dev.rapport.reminders.relationship.EvaluationFailures.Kind;
import dev.rapport.reminders.relationship.EvaluationFailures.Stage;
import dev.rapport.reminders.reminder.Reminders;

/**
 * Moves time forward for relationships and reminders: evaluates relationships whose {@code next_evaluation_at} has
 * passed, then fires reminders whose {@code due_at} has passed. Each batch is claimed with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} from a partial index and processed in one transaction with its outbox
 * events, so the work per run grows with what is due, never with the number of contacts, and several instances can
 * run at once: a row one instance holds is skipped by the others, and a row it committed is no longer due. Nothing
 * fires twice, and nothing is missed because an uncommitted claim simply stays due for the next run.
 * <p>
 * No row stops the rest: a row that cannot be read, or whose evaluation (firing) or save fails, is set aside by
 * {@link EvaluationFailures} and retried later with backoff, while every other row of its batch and of the run is
 * done in the same run.
 * <p>
 * Why not db-scheduler: it schedules tasks, while here the schedule <em>is</em> the domain data (a relationship's
 * next threshold, a reminder's due time) that consumers move all the time. Mirroring every change into a second task
 * table would mean two sources of truth to keep in step in the same transaction; one indexed column and SKIP LOCKED
 * give the same guarantees with plain SQL we already use, and no extra dependency or schema.
 */
@Component
public class DueScheduler {

	private static final Logger log = LoggerFactory.getLogger(DueScheduler.class);

	private final RelationshipRepository relationshipRows;

	private final RelationshipService relationships;

	private final Reminders reminders;

	private final EvaluationFailures failures;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final int batchSize;

	private final MeterRegistry meters;

	public DueScheduler(RelationshipRepository relationshipRows, RelationshipService relationships,
			Reminders reminders, EvaluationFailures failures, PlatformTransactionManager transactionManager,
			Clock clock, RemindersProperties properties, MeterRegistry meters) {
		this.relationshipRows = relationshipRows;
		this.relationships = relationships;
		this.reminders = reminders;
		this.failures = failures;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.batchSize = properties.scheduler().batchSize();
		this.meters = meters;
	}

	/**
	 * One pass over what was due when it started: relationships first (they may open nudges), then reminders (so a
	 * new nudge fires in the same run). Full batches follow each other without a pause until a batch comes back short;
	 * an evaluated row is due again only later than the run's start, so the run ends.
	 */
	public RunResult runOnce() {
		Instant start = clock.instant();
		int evaluated = drain(new DueRows<>(Kind.RELATIONSHIP, relationshipRows::claimDue, relationshipRows::reclaimDue,
				relationships::evaluateAllDue, relationships::evaluateDue), start);
		// Due by now, a little after the run's start: with them any nudge the relationships opened row by row (a batch
		// inserts its nudges fired).
		int fired = drain(new DueRows<>(Kind.REMINDER, reminders::claimDue, reminders::reclaimDue,
				batch -> reminders.fireAll(batch, clock.instant()), reminder -> reminders.fire(reminder, clock.instant())),
				clock.instant());
		transactions.executeWithoutResult(status -> failures.clearSettled());
		if (evaluated + fired > 0) {
			log.debug("Scheduler evaluated {} relationships and fired {} reminders", evaluated, fired);
		}
		meters.counter("rapport.reminders.scheduler.evaluated").increment(evaluated);
		return new RunResult(evaluated, fired);
	}

	private <T> int drain(DueRows<T> rows, Instant dueBy) {
		int done = 0;
		while (true) {
			Batch batch = batch(rows, dueBy);
			done += batch.done();
			if (batch.claimed() < batchSize) {
				return done;
			}
		}
	}

	/**
	 * Claims a batch and processes it in one transaction, with set-based statements for the whole batch. If a row
	 * fails, the whole transaction rolls back (a database error has aborted it anyway) and the batch is redone row by
	 * row, each in a savepoint, so that only the failing row is set aside and every other one is done in this run. A
	 * row that cannot even be read is set aside at once.
	 */
	private <T> Batch batch(DueRows<T> rows, Instant dueBy) {
		List<UUID> claimedIds = new ArrayList<>();
		try {
			return transactions.execute(status -> {
				List<ClaimedRow<T>> claimed = rows.claim().due(dueBy, batchSize, failures.waiting(rows.kind(), dueBy));
				claimed.forEach(row -> claimedIds.add(row.id()));
				List<UUID> done = new ArrayList<>();
				List<T> readable = new ArrayList<>();
				for (ClaimedRow<T> row : claimed) {
					if (row.readable()) {
						readable.add(row.value());
						done.add(row.id());
					}
					else {
						failures.failed(rows.kind(), row.id(), Stage.READ, row.unreadable(), clock.instant());
					}
				}
				rows.processAll().accept(readable);
				failures.succeeded(rows.kind(), done);
				return new Batch(claimed.size(), done.size());
			});
		}
		catch (RuntimeException ex) {
			if (claimedIds.isEmpty() || !setAside(ex)) {
				throw ex;
			}
			log.debug("A {} of the batch failed; redoing the batch row by row", rows.kind(), ex);
			Batch redone = rowByRow(rows, claimedIds, dueBy);
			// Rows another instance claimed meanwhile are its to do; the batch was full all the same.
			return new Batch(claimedIds.size(), redone.done());
		}
	}

	private <T> Batch rowByRow(DueRows<T> rows, List<UUID> ids, Instant dueBy) {
		return transactions.execute(status -> {
			List<ClaimedRow<T>> claimed = rows.reclaim().apply(ids, dueBy);
			List<UUID> done = new ArrayList<>();
			for (ClaimedRow<T> row : claimed) {
				if (!row.readable()) {
					failures.failed(rows.kind(), row.id(), Stage.READ, row.unreadable(), clock.instant());
					continue;
				}
				Object savepoint = status.createSavepoint();
				try {
					rows.processOne().accept(row.value());
					status.releaseSavepoint(savepoint);
					done.add(row.id());
				}
				catch (RuntimeException ex) {
					if (!setAside(ex)) {
						throw ex;
					}
					status.rollbackToSavepoint(savepoint);
					failures.failed(rows.kind(), row.id(), Stage.EVALUATE, ex, clock.instant());
				}
			}
			failures.succeeded(rows.kind(), done);
			return new Batch(claimed.size(), done.size());
		});
	}

	/**
	 * Whether a failure belongs to the row, so that it is set aside: not when the database is unreachable or the
	 * failure is transient (a deadlock, a lock timeout), when the whole batch simply stays due for the next run.
	 */
	private static boolean setAside(RuntimeException ex) {
		return !(ex instanceof TransientDataAccessException || ex instanceof RecoverableDataAccessException
				|| ex instanceof DataAccessResourceFailureException || ex instanceof TransactionException);
	}

	/** One kind of due row: how it is claimed, claimed again by id, and processed as a batch or one by one. */
	private record DueRows<T>(Kind kind, Claim<T> claim,
			BiFunction<List<UUID>, Instant, List<ClaimedRow<T>>> reclaim, Consumer<List<T>> processAll,
			Consumer<T> processOne) {
	}

	/** Claims up to {@code limit} rows due by {@code now}, leaving out those {@code setAside}. */
	@FunctionalInterface
	private interface Claim<T> {

		List<ClaimedRow<T>> due(Instant now, int limit, Set<UUID> setAside);

	}

	/** How many rows a batch claimed, and how many of them it evaluated (fired). */
	private record Batch(int claimed, int done) {
	}

	/** What one run did. */
	public record RunResult(int relationshipsEvaluated, int remindersFired) {
	}

	/** Runs the scheduler on a fixed delay unless {@code rapport.reminders.scheduler.enabled=false} (tests drive it). */
	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@ConditionalOnProperty(name = "rapport.reminders.scheduler.enabled", havingValue = "true", matchIfMissing = true)
	static class Periodic {

		private final DueScheduler scheduler;

		Periodic(DueScheduler scheduler) {
			this.scheduler = scheduler;
		}

		@Scheduled(fixedDelayString = "${rapport.reminders.scheduler.interval:5s}",
				initialDelayString = "${rapport.reminders.scheduler.interval:5s}")
		void run() {
			try {
				scheduler.runOnce();
			}
			catch (RuntimeException ex) {
				log.warn("Scheduler run failed; the due rows stay due for the next run", ex);
			}
		}

	}

}
