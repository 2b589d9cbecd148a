package dev.rapport.reminders.relationship;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.reminders.RemindersProperties;
import dev.rapport.reminders.reminder.Reminders;

/**
 * Moves time forward for relationships and reminders: evaluates relationships whose {@code next_evaluation_at} has
 * passed, then fires reminders whose {@code due_at} has passed. Each batch is claimed with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} from a partial index and processed in one transaction with its outbox
 * events, so the work per run grows with what is due, never with the number of contacts, and several instances can
 * run at once: a row one instance holds is skipped by the others, and a row it committed is no longer due. Nothing
 * fires twice, and nothing is missed because an uncommitted claim simply stays due for the next run.
 * <p>
 * Why not db-scheduler: it schedules tasks, while here the schedule <em>is</em> the domain data (a relationship's
 * next threshold, a reminder's due time) that consumers move all the time. Mirroring every change into a second task
 * table would mean two sources of truth to keep in step in the same transaction; one indexed column and SKIP LOCKED
 * give the same guarantees with plain SQL we already use, and no extra dependency or schema.
 */
@Component
public class DueScheduler {

	private static final Logger log = LoggerFactory.getLogger(DueScheduler.class);

	/** A run stops after this many batches of each kind, so one run never starves the next. */
	private static final int MAX_BATCHES = 50;

	private final RelationshipRepository relationshipRows;

	private final RelationshipService relationships;

	private final Reminders reminders;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final int batchSize;

	private final MeterRegistry meters;

	public DueScheduler(RelationshipRepository relationshipRows, RelationshipService relationships,
			Reminders reminders, PlatformTransactionManager transactionManager,
			Clock clock, RemindersProperties properties, MeterRegistry meters) {
		this.relationshipRows = relationshipRows;
		this.relationships = relationships;
		this.reminders = reminders;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.batchSize = properties.scheduler().batchSize();
		this.meters = meters;
	}

	/** One pass: relationships first (they may open nudges), then reminders (so a new nudge fires in the same run). */
	public RunResult runOnce() {
		int evaluated = 0;
		for (int batch = 0; batch < MAX_BATCHES; batch++) {
			Integer claimed = transactions.execute(status -> {
				List<Relationship> due = relationshipRows.claimDue(clock.instant(), batchSize);
				due.forEach(relationships::evaluateDue);
				return due.size();
			});
			evaluated += claimed;
			if (claimed < batchSize) {
				break;
			}
		}
		int fired = 0;
		for (int batch = 0; batch < MAX_BATCHES; batch++) {
			Integer claimed = transactions.execute(status -> reminders.fireDue(clock.instant(), batchSize));
			fired += claimed;
			if (claimed < batchSize) {
				break;
			}
		}
		if (evaluated + fired > 0) {
			log.debug("Scheduler evaluated {} relationships and fired {} reminders", evaluated, fired);
		}
		meters.counter("rapport.reminders.scheduler.evaluated").increment(evaluated);
		return new RunResult(evaluated, fired);
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
