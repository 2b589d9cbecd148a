package dev.rapport.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.events.CloudEventHeaders;
import dev.rapport.events.Topics;

/**
 * Publishes outbox rows to Kafka in id order and marks them published once the broker has acknowledged them
 * ({@code acks=all}, idempotent producer). Rows stay in the table until then, so a broker outage or a crash only
 * delays events: through an outage the relay waits for the sends it made (the producer retries them in order and
 * never gives up on one), a row the broker refuses is sent again with backoff, and a restarted service picks up
 * where the last one stopped.
 *
 * <p>One relay per database sends at a time (a PostgreSQL advisory lock), so several instances of a service never
 * reorder one aggregate's events. Delivery is at-least-once: a crash between the broker's ack and the update that
 * marks the row sends it again, and consumers deduplicate by event id. A relay that is stopped (a redeploy, a scale
 * down) first waits, up to {@code send-timeout}, for the broker's answers to what it already sent and marks those
 * rows, so an orderly stop sends nothing twice: rows it left unmarked would go out again from the next relay.
 *
 * <p>Every record is a CloudEvent in binary mode ({@link EventRecords}: {@code ce_id}, {@code ce_type}, ..., the
 * payload unchanged) and still carries {@link Topics#EVENT_TYPE_HEADER} for consumers that read only that. A row
 * without a payload is a tombstone for a compacted state topic: sent with a null value, in its place in the order.
 *
 * <p>Each send is a producer span in the trace of the request that wrote the event (its context was stored with the
 * row), and the record carries that span's context, so the consumers' spans continue the same trace.
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	/** Arbitrary but fixed: the advisory lock that makes one relay per database the sender. */
	private static final long RELAY_LOCK = 0x5241_5050_4F52_5401L;

	private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final KafkaTemplate<String, byte[]> kafka;

	private final JsonMapper json;

	private final OutboxProperties properties;

	private final ObjectProvider<Tracer> tracer;

	private final ObjectProvider<Propagator> propagator;

	/** Every record's {@code ce_source} ({@link CloudEventHeaders#source}). */
	private final String applicationName;

	private final Semaphore wakeUps = new Semaphore(0);

	private final Counter published;

	private final Counter failures;

	private final Counter stalls;

	private final Timer lag;

	private volatile boolean running;

	/** {@link System#nanoTime()} until which a stopped relay still waits for answers to sends it already made. */
	private volatile long answersUntil;

	private Thread worker;

	private Instant lastPurge = Instant.EPOCH;

	public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka,
			JsonMapper json, OutboxProperties properties, MeterRegistry meters, ObjectProvider<Tracer> tracer,
			ObjectProvider<Propagator> propagator, String applicationName) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.kafka = kafka;
		this.json = json;
		this.properties = properties;
		this.tracer = tracer;
		this.propagator = propagator;
		this.applicationName = applicationName;
		this.published = Counter.builder("rapport.outbox.published")
			.description("Events the broker acknowledged")
			.register(meters);
		this.failures = Counter.builder("rapport.outbox.publish.failures")
			.description("Relay rounds that stopped on a record the broker refused")
			.register(meters);
		this.stalls = Counter.builder("rapport.outbox.publish.stalls")
			.description("Sends the broker took longer than send-timeout to acknowledge (the relay waits on, never "
					+ "sending ahead of them)")
			.register(meters);
		this.lag = Timer.builder("rapport.outbox.lag")
			.description("Time from commit to the broker's acknowledgement")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
		Gauge.builder("rapport.outbox.pending", this, OutboxRelay::pendingCount)
			.description("Events committed but not yet acknowledged by the broker")
			.register(meters);
	}

	/** Called after a transaction that wrote to the outbox commits, so events leave without waiting for a poll. */
	public void wakeUp() {
		if (wakeUps.availablePermits() == 0) {
			wakeUps.release();
		}
	}

	@Override
	public void start() {
		if (!properties.relayEnabled()) {
			log.warn("Outbox relay is disabled (rapport.outbox.relay-enabled=false): events stay in the outbox");
			return;
		}
		running = true;
		worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
	}

	@Override
	public void stop() {
		answersUntil = System.nanoTime() + properties.sendTimeout().toNanos();
		running = false;
		if (worker != null) {
			wakeUps.release();
			try {
				worker.join(properties.sendTimeout().plusSeconds(5).toMillis());
				if (worker.isAlive()) {
					worker.interrupt();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Spring calls this on shutdown (inferred destroy method): releases the relay's producer. */
	public void close() {
		if (kafka.getProducerFactory() instanceof DefaultKafkaProducerFactory<String, byte[]> factory) {
			factory.destroy();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void run() {
		Duration backoff = properties.initialBackoff();
		while (running) {
			try {
				Round round = relayOnce();
				if (round.failed()) {
					pause(backoff);
					backoff = min(backoff.multipliedBy(2), properties.maxBackoff());
					continue;
				}
				backoff = properties.initialBackoff();
				if (round.sent() < properties.batchSize()) {
					purgeOccasionally();
					wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
					wakeUps.drainPermits();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				// Database trouble: keep the thread alive and try again later, the rows are safe where they are.
				log.warn("Outbox relay round failed; retrying in {}", backoff, ex);
				pause(backoff);
				backoff = min(backoff.multipliedBy(2), properties.maxBackoff());
			}
		}
	}

	/**
	 * Sends one batch of pending rows in order and waits for the broker's answers; stops at the first row the broker
	 * refuses (the rows after it wait for the next round).
	 */
	Round relayOnce() {
		Round round = transactions.execute(status -> {
			Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(:lock)")
				.param("lock", RELAY_LOCK)
				.query(Boolean.class)
				.single();
			if (!locked) {
				return new Round(0, false);
			}
			List<PendingEvent> pending = jdbc.sql("""
					select id, event_id, topic, record_key, event_type, payload, headers::text as headers, created_at
					from outbox_event where published_at is null order by id limit :limit
					""")
				.param("limit", properties.batchSize())
				.query((rs, n) -> new PendingEvent(rs.getLong("id"), rs.getObject("event_id", UUID.class),
						rs.getString("topic"), rs.getString("record_key"), rs.getString("event_type"),
						rs.getString("payload"), rs.getString("headers"), rs.getTimestamp("created_at").toInstant()))
				.list();
			if (pending.isEmpty()) {
				return new Round(0, false);
			}
			List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(pending.size());
			for (PendingEvent event : pending) {
				CompletableFuture<SendResult<String, byte[]>> send = send(event);
				sends.add(send);
				if (send.isCompletedExceptionally()) {
					break; // the broker is unreachable: don't wait max.block.ms once per remaining row
				}
			}
			List<Long> acknowledged = new ArrayList<>(sends.size());
			Exception failure = null;
			// Not stopped by stop(): these records are on their way already, and a row left unmarked is sent again.
			for (int i = 0; i < sends.size() && failure == null; i++) {
				try {
					if (!awaitAcknowledgement(sends.get(i), pending.get(i), pending.size() - i - 1)) {
						break;
					}
					acknowledged.add(pending.get(i).id());
					lag.record(Duration.between(pending.get(i).createdAt(), Instant.now()));
				}
				catch (ExecutionException ex) {
					failure = ex;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					failure = ex;
				}
			}
			if (!acknowledged.isEmpty()) {
				jdbc.sql("update outbox_event set published_at = now() where id in (:ids)")
					.param("ids", acknowledged)
					.update();
				published.increment(acknowledged.size());
			}
			if (failure != null) {
				PendingEvent stuck = pending.get(acknowledged.size());
				String reason = rootMessage(failure);
				jdbc.sql("update outbox_event set attempts = attempts + 1, last_error = :error where id = :id")
					.param("error", reason)
					.param("id", stuck.id())
					.update();
				failures.increment();
				log.warn("Broker did not acknowledge {} {} (outbox id {}); {} pending events wait for a retry: {}",
						stuck.eventType(), stuck.recordKey(), stuck.id(), pending.size() - acknowledged.size(), reason);
			}
			return new Round(acknowledged.size(), failure != null);
		});
		return round;
	}

	/**
	 * Waits for the broker's answer to one send, however long the broker is away: the producer never gives up on a
	 * record ({@code delivery.timeout.ms} unbounded) because a record it gave up on might still be delivered after
	 * the ones sent behind it, and resending it would then put a contact's events out of order. A send that takes
	 * longer than {@code send-timeout} is reported (log, {@code rapport.outbox.publish.stalls}) and still waited for.
	 * Once the relay is stopped it waits at most {@code send-timeout} more.
	 *
	 * @return whether the broker acknowledged it; {@code false} when the relay was stopped and the broker did not
	 * answer within {@code send-timeout} of that
	 * @throws ExecutionException when the broker refused the record
	 */
	private boolean awaitAcknowledgement(CompletableFuture<?> send, PendingEvent event, int behind)
			throws ExecutionException, InterruptedException {
		Duration waited = Duration.ZERO;
		Duration step = min(properties.sendTimeout(), Duration.ofSeconds(1));
		Duration nextReport = properties.sendTimeout();
		while (running || System.nanoTime() - answersUntil < 0) {
			try {
				send.get(step.toMillis(), TimeUnit.MILLISECONDS);
				if (waited.compareTo(properties.sendTimeout()) >= 0) {
					log.info("Broker acknowledged {} {} (outbox id {}) after {}", event.eventType(), event.recordKey(),
							event.id(), waited);
				}
				return true;
			}
			catch (TimeoutException ex) {
				waited = waited.plus(step);
				if (waited.compareTo(nextReport) >= 0) {
					if (nextReport.equals(properties.sendTimeout())) {
						stalls.increment();
					}
					log.warn("Broker has not acknowledged {} {} (outbox id {}) for {}; still waiting, {} events "
							+ "of this round behind it", event.eventType(), event.recordKey(), event.id(), waited, behind);
					nextReport = nextReport.plus(min(nextReport, Duration.ofMinutes(1)));
				}
			}
		}
		return false;
	}

	private CompletableFuture<SendResult<String, byte[]>> send(PendingEvent event) {
		ProducerRecord<String, byte[]> record;
		try {
			// Everything from the row's columns and payload: a row written before records carried the envelope is
			// sent with it too, and a row sent again after a crash gets the same headers.
			record = event.tombstone()
					? EventRecords.tombstone(event.topic(), event.recordKey(), event.eventId(), event.eventType(),
							event.createdAt(), applicationName)
					: EventRecords.of(event.topic(), event.recordKey(), event.eventId(), event.eventType(),
							occurredAt(event), applicationName, event.payload().getBytes(StandardCharsets.UTF_8));
		}
		catch (RuntimeException ex) {
			// A row that cannot be enveloped (a type this build no longer knows): reported on the row, retried.
			return CompletableFuture.failedFuture(ex);
		}
		Map<String, String> traceHeaders = new HashMap<>(json.readValue(event.headers(), HEADERS));
		Span span = producerSpan(event, traceHeaders);
		traceHeaders.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
		try {
			CompletableFuture<SendResult<String, byte[]>> send = kafka.send(record);
			if (span != null) {
				send.whenComplete((result, failure) -> end(span, failure));
			}
			return send;
		}
		catch (RuntimeException ex) {
			// send() itself throws when metadata cannot be fetched in max.block.ms (broker unreachable).
			end(span, ex);
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * The event's own {@code occurredAt}, read from the payload the codec wrote; the row's creation time only for a
	 * payload without one (never written by this codec, but a row must not block the ones behind it).
	 */
	private Instant occurredAt(PendingEvent event) {
		try {
			JsonNode occurredAt = json.readTree(event.payload()).get("occurredAt");
			if (occurredAt != null && occurredAt.isString()) {
				return Instant.parse(occurredAt.asString());
			}
		}
		catch (JacksonException | DateTimeParseException ex) {
			// falls through to the row's time
		}
		log.warn("Outbox id {} ({} {}) has no readable occurredAt; ce_time is the row's creation time", event.id(),
				event.eventType(), event.recordKey());
		return event.createdAt();
	}

	/**
	 * Starts the send's span as a child of the request's context stored with the row, and puts the span's own context
	 * in the headers in its place; none for an event written outside a traced request (nothing stored).
	 */
	private Span producerSpan(PendingEvent event, Map<String, String> traceHeaders) {
		Tracer currentTracer = tracer.getIfAvailable();
		Propagator currentPropagator = propagator.getIfAvailable();
		if (currentTracer == null || currentPropagator == null || traceHeaders.isEmpty()) {
			return null;
		}
		Span span = currentPropagator.extract(traceHeaders, Map::get)
			.kind(Span.Kind.PRODUCER)
			.name(event.topic() + " send")
			.remoteServiceName("kafka")
			.tag("messaging.system", "kafka")
			.tag("messaging.destination.name", event.topic())
			.tag("rapport.event.type", event.eventType())
			.start();
		currentPropagator.fields().forEach(traceHeaders::remove);
		currentPropagator.inject(span.context(), traceHeaders, Map::put);
		return span;
	}

	private static void end(Span span, Throwable failure) {
		if (span == null) {
			return;
		}
		if (failure != null) {
			span.error(failure);
		}
		span.end();
	}

	private void purgeOccasionally() {
		Instant now = Instant.now();
		if (Duration.between(lastPurge, now).compareTo(Duration.ofMinutes(1)) < 0) {
			return;
		}
		lastPurge = now;
		int purged = jdbc.sql("delete from outbox_event where published_at < :before")
			.param("before", Timestamp.from(now.minus(properties.retention())))
			.update();
		if (purged > 0) {
			log.debug("Purged {} published outbox rows older than {}", purged, properties.retention());
		}
	}

	private double pendingCount() {
		try {
			return jdbc.sql("select count(*) from outbox_event where published_at is null").query(Long.class).single();
		}
		catch (RuntimeException ex) {
			return Double.NaN;
		}
	}

	private void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running = false;
		}
	}

	private static Duration min(Duration a, Duration b) {
		return a.compareTo(b) <= 0 ? a : b;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	record Round(int sent, boolean failed) {
	}

	/** A row to send; {@code payload} is null for a tombstone ({@link Outbox#publishTombstone}). */
	private record PendingEvent(long id, UUID eventId, String topic, String recordKey, String eventType, String payload,
			String headers, Instant createdAt) {

		boolean tombstone() {
			return payload == null;
		}

	}

}
