package dev.rapport.reminders.relationship;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.platform.transaction.AfterCommit;
import dev.rapport.reminders.RemindersProperties;

/**
 * The rows the scheduler sets aside so that one it cannot read or evaluate never stops the others: each failure is
 * recorded ({@code evaluation_failure}), counted ({@code rapport.reminders.scheduler.failures}), logged at WARN the
 * first time only, and retried after a backoff that doubles per attempt up to a maximum (the claims skip the row
 * until then). A row that evaluates again clears its record.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class EvaluationFailures {

	private static final Logger log = LoggerFactory.getLogger(EvaluationFailures.class);

	/** A reason is the failure's first line, so a database error's detail (the row's values) is kept out. */
	private static final int MAX_REASON = 500;

	private final EvaluationFailureRepository failures;

	private final MeterRegistry meters;

	private final Duration backoff;

	private final Duration maxBackoff;

	public EvaluationFailures(EvaluationFailureRepository failures, MeterRegistry meters,
			RemindersProperties properties) {
		this.failures = failures;
		this.meters = meters;
		this.backoff = properties.scheduler().failureBackoff();
		this.maxBackoff = properties.scheduler().failureBackoffMax();
	}

	/** {@code id} (a relationship's contact id, a reminder's id) failed at {@code stage}: set it aside until later. */
	public void failed(Kind kind, UUID id, Stage stage, RuntimeException why, Instant now) {
		String reason = reason(why);
		int attempts = failures.failed(kind, id, stage, reason, now);
		Instant next = now.plus(backoff(attempts));
		failures.retryAt(kind, id, next);
		// After commit: a batch that records a failure and then rolls back (to be redone row by row) records it again.
		AfterCommit.run(() -> {
			Counter.builder("rapport.reminders.scheduler.failures")
				.description("Relationships and reminders the scheduler could not read or evaluate, per attempt")
				.tag("kind", kind.tag())
				.tag("stage", stage.name().toLowerCase(Locale.ROOT))
				.register(meters)
				.increment();
			if (attempts == 1) {
				log.warn("Set aside {} {} ({}): {}; the rest of the run goes on, it is retried from {} with backoff",
						kind.tag(), id, stage, reason, next);
			}
			else {
				log.debug("{} {} failed again ({} attempts): {}; next attempt at {}", kind.tag(), id, attempts, reason,
						next);
			}
		});
		log.debug("Why {} {} failed", kind.tag(), id, why);
	}

	/** The rows of {@code kind} set aside whose next attempt is after {@code now}: the claims leave them out. */
	public Set<UUID> waiting(Kind kind, Instant now) {
		return failures.waiting(kind, now);
	}

	/** These rows evaluated (fired) fine: those that had failed before are no longer set aside. */
	public void succeeded(Kind kind, Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return;
		}
		for (Failure cleared : failures.clear(kind, ids)) {
			AfterCommit.run(() -> log.info("{} {} evaluated again after {} failed attempts", kind.tag(), cleared.id(),
					cleared.attempts()));
		}
	}

	/** Forgets rows that are gone or no longer due, so the list shows only what still waits. */
	public void clearSettled() {
		failures.clearSettled();
	}

	/** The wait before attempt {@code attempts + 1}: the backoff, doubled per attempt since the first, at most the max. */
	Duration backoff(int attempts) {
		Duration wait = backoff.multipliedBy(1L << Math.min(attempts - 1, 30));
		return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
	}

	static String reason(Throwable why) {
		Throwable root = why;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("").strip();
		String reason = root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
		return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
	}

	/** What failed. */
	public enum Kind {

		RELATIONSHIP, REMINDER;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** Where it failed: reading the stored row, or evaluating it (firing a reminder) and writing what that decided. */
	public enum Stage {

		READ, EVALUATE

	}

	/** One set-aside row, as {@code /actuator/schedulerfailures} shows it. */
	public record Failure(Kind kind, UUID id, Stage stage, String reason, int attempts, Instant firstFailedAt,
			Instant lastFailedAt, Instant nextAttemptAt) {
	}

}
