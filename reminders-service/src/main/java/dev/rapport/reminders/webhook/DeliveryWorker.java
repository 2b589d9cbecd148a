package dev.rapport.reminders.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.rapport.reminders.webhook.WebhookRepository.ClaimedDelivery;
import dev.rapport.reminders.webhook.WebhookSender.Attempt;

/**
 * Sends deliveries that wait for an attempt, and schedules the retries of those that failed.
 * <p>
 * A run claims a batch with a lease ({@link WebhookRepository#claimDue}: SKIP LOCKED while claiming, the lease
 * afterwards), commits the claim at once and sends outside any transaction, so no connection is held while a slow
 * receiver takes its ten seconds, and any number of instances can run: a delivery another worker leased is not
 * claimed again until its lease lapses (a worker that died), which makes "sent once" hold as long as a batch is sent
 * within its lease ({@code lease} is well above {@code batch-size} times the request timeout). An attempt's outcome is
 * written only under its claim's token.
 * <p>
 * A 2xx is delivered. Anything else (another status, a redirect, no answer, a refused address) is a failed attempt,
 * tried again after {@link #backoff} (30 s, 1 min, 2 min, ... at most an hour, plus up to 10 % jitter so that the
 * retries of an outage do not all arrive in the same second), and given up after {@code max-attempts}.
 */
@Component
public class DeliveryWorker {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	static final Duration FIRST_RETRY = Duration.ofSeconds(30);

	static final Duration LONGEST_RETRY = Duration.ofHours(1);

	private final WebhookRepository deliveries;

	private final WebhookSender sender;

	private final DeliveryPayloads payloads;

	private final Clock clock;

	private final MeterRegistry meters;

	private final WebhookProperties properties;

	/**
	 * Whether a run is going in this instance: a wake-up then starts none (the delivery waits for the next run, one
	 * interval at most).
	 */
	private final AtomicBoolean running = new AtomicBoolean();

	public DeliveryWorker(WebhookRepository deliveries, WebhookSender sender, DeliveryPayloads payloads, Clock clock,
			MeterRegistry meters, WebhookProperties properties) {
		this.deliveries = deliveries;
		this.sender = sender;
		this.payloads = payloads;
		this.clock = clock;
		this.meters = meters;
		this.properties = properties;
	}

	/** Sends everything due now, batch after batch; returns how many attempts it made. */
	public int runOnce() {
		int attempts = 0;
		while (true) {
			Claim claim = claim();
			claim.deliveries().forEach(delivery -> attempt(claim.token(), delivery));
			attempts += claim.deliveries().size();
			if (claim.deliveries().size() < properties.worker().batchSize()) {
				return attempts;
			}
		}
	}

	/** Leases a batch of due deliveries to a new claim. */
	Claim claim() {
		Instant now = clock.instant();
		UUID token = UUID.randomUUID();
		return new Claim(token, deliveries.claimDue(now, properties.worker().batchSize(), token,
				now.plus(properties.worker().lease())));
	}

	/** One attempt of a claimed delivery, and its outcome recorded. */
	void attempt(UUID token, ClaimedDelivery delivery) {
		Attempt attempt = sender.send(delivery.url(), delivery.format(), delivery.secret(), delivery.id().toString(),
				delivery.payload(), clock.instant(), payloads);
		Instant now = clock.instant();
		int attempts = delivery.attempts() + 1;
		DeliveryStatus status;
		Instant next = null;
		if (attempt.delivered()) {
			status = DeliveryStatus.DELIVERED;
		}
		else if (attempts >= properties.maxAttempts()) {
			status = DeliveryStatus.GAVE_UP;
			log.warn("Webhook {} delivery {} ({}) failed attempt {} and is given up: {}", delivery.webhookId(),
					delivery.id(), delivery.eventType(), attempts, describe(attempt));
		}
		else {
			status = DeliveryStatus.FAILED;
			next = now.plus(backoff(attempts, ThreadLocalRandom.current().nextDouble()));
			log.warn("Webhook {} delivery {} ({}) failed attempt {}, next at {}: {}", delivery.webhookId(),
					delivery.id(), delivery.eventType(), attempts, next, describe(attempt));
		}
		boolean recorded = deliveries.recordAttempt(delivery.id(), token, status, attempts, attempt.statusCode(),
				attempt.error(), next, attempt.delivered() ? now : null);
		if (!recorded) {
			log.warn("Webhook {} delivery {}: its claim lapsed or the webhook was deleted before the outcome ({}) was "
					+ "recorded", delivery.webhookId(), delivery.id(), status);
		}
		meters.counter("rapport.webhook.deliveries", "outcome", status.name().toLowerCase()).increment();
	}

	/** Wakes the worker for a delivery just queued (a test send), instead of waiting for the next run. */
	void wake() {
		if (!properties.worker().enabled() || !running.compareAndSet(false, true)) {
			return;
		}
		Thread.ofVirtual().name("webhook-wake").start(() -> {
			try {
				runOnce();
			}
			catch (RuntimeException ex) {
				log.warn("Webhook run failed; the deliveries stay due for the next run", ex);
			}
			finally {
				running.set(false);
			}
		});
	}

	/**
	 * How long to wait after the {@code failedAttempts}-th failure: 30 s doubling each time, at most an hour, plus
	 * {@code jitter} (0 to 1) of a tenth of it.
	 */
	static Duration backoff(int failedAttempts, double jitter) {
		Duration base = FIRST_RETRY.multipliedBy(1L << Math.min(failedAttempts - 1, 20));
		if (base.compareTo(LONGEST_RETRY) > 0) {
			base = LONGEST_RETRY;
		}
		return base.plusMillis((long) (base.toMillis() * 0.1 * jitter));
	}

	private static String describe(Attempt attempt) {
		String status = "HTTP " + attempt.statusCode();
		return attempt.statusCode() == null || attempt.error().equals(status) ? attempt.error()
				: status + ": " + attempt.error();
	}

	/** Deliveries leased to one claim. */
	record Claim(UUID token, List<ClaimedDelivery> deliveries) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@ConditionalOnProperty(name = "rapport.webhooks.worker.enabled", havingValue = "true", matchIfMissing = true)
	static class Periodic {

		private final DeliveryWorker worker;

		Periodic(DeliveryWorker worker) {
			this.worker = worker;
		}

		@Scheduled(fixedDelayString = "${rapport.webhooks.worker.interval:5s}",
				initialDelayString = "${rapport.webhooks.worker.interval:5s}")
		void run() {
			if (!worker.running.compareAndSet(false, true)) {
				return;
			}
			try {
				worker.runOnce();
			}
			catch (RuntimeException ex) {
				log.warn("Webhook run failed; the deliveries stay due for the next run", ex);
			}
			finally {
				worker.running.set(false);
			}
		}

	}

}
