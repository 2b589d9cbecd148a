package dev.rapport.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.events.CloudEventHeaders;
import dev.rapport.events.EventCodec;
import dev.rapport.events.RapportEvent;
import dev.rapport.events.Topics;

/**
 * Turns Kafka records into events and applies each exactly once: the handler's effect and the processed-event
 * record commit together. Records are CloudEvents ({@link CloudEventHeaders}): the type comes from {@code ce_type},
 * the id deduplicated on from {@code ce_id}; records written before the envelope fall back to
 * {@link Topics#EVENT_TYPE_HEADER} and the payload's eventId. Types this service does not know (added by newer
 * producers) are skipped, unreadable records are poison (dead-letter topic), and any other failure propagates so the
 * binder retries with backoff.
 */
public class EventDispatcher {

	private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

	private final EventCodec codec;

	private final ProcessedEvents processed;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	public EventDispatcher(EventCodec codec, ProcessedEvents processed, TransactionTemplate transactions,
			MeterRegistry meters) {
		this.codec = codec;
		this.processed = processed;
		this.transactions = transactions;
		this.meters = meters;
	}

	/** A Spring Cloud Stream consumer that hands each new event to {@code handler} inside a transaction. */
	public Consumer<Message<byte[]>> consumer(String name, EventHandler handler) {
		return message -> dispatch(name, message, handler, true);
	}

	/**
	 * A consumer whose handler is idempotent by keys of its own (a unique constraint on what it writes), so the event
	 * is not recorded in {@link ProcessedEvents}: a second consumer group of the same service that reads events the
	 * first one also applies would otherwise find their ids taken and skip them all.
	 */
	public Consumer<Message<byte[]>> selfDeduplicatingConsumer(String name, EventHandler handler) {
		return message -> dispatch(name, message, handler, false);
	}

	private void dispatch(String name, Message<byte[]> message, EventHandler handler, boolean recordProcessed) {
		try {
			apply(name, message, handler, recordProcessed);
		}
		catch (PoisonEventException ex) {
			// The binder sends it to the dead-letter topic without retrying: this is the only place it is seen.
			meters.counter("rapport.events.consumed", "consumer", name, "type", "unreadable", "outcome", "poison")
				.increment();
			log.warn("{} sends a poison record to the dead-letter topic: {}", name, ex.getMessage());
			throw ex;
		}
	}

	private void apply(String name, Message<byte[]> message, EventHandler handler, boolean recordProcessed) {
		Envelope envelope = envelope(message);
		Optional<Class<? extends RapportEvent>> eventClass = envelope.type() == null ? Optional.empty()
				: codec.classOf(envelope.type());
		if (eventClass.isEmpty()) {
			meters.counter("rapport.events.consumed", "consumer", name, "type", envelope.label(), "outcome",
					"unknown-type")
				.increment();
			log.debug("{} skips event type {} it does not know", name, envelope.label());
			return;
		}
		String type = envelope.type();
		RapportEvent event;
		try {
			event = codec.deserialize(message.getPayload(), eventClass.get());
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			throw new PoisonEventException("Unreadable " + type + ": " + ex.getMessage(), ex);
		}
		if (envelope.id() != null && !envelope.id().equals(event.eventId())) {
			// Deduplicating on one and handing the handler the other would make "once" mean nothing.
			throw new PoisonEventException(type + " whose " + CloudEventHeaders.ID + " " + envelope.id()
					+ " is not its eventId " + event.eventId(), null);
		}
		UUID eventId = envelope.id() != null ? envelope.id() : event.eventId();
		Boolean applied = transactions.execute(status -> {
			if (recordProcessed && !processed.firstDelivery(eventId, type)) {
				return false;
			}
			handler.handle(event);
			return true;
		});
		meters.counter("rapport.events.consumed", "consumer", name, "type", type, "outcome",
				Boolean.TRUE.equals(applied) ? "applied" : "duplicate")
			.increment();
	}

	/**
	 * What the record's headers say it is. A CloudEvent ({@code ce_specversion} present) is read by the SDK: its type
	 * from {@code ce_type}, its id from {@code ce_id}, and an incomplete or malformed envelope is poison. A record
	 * written before the envelope has only {@link Topics#EVENT_TYPE_HEADER}, and its id is the payload's eventId.
	 */
	private static Envelope envelope(Message<byte[]> message) {
		if (message.getHeaders().containsKey(CloudEventHeaders.SPEC_VERSION)) {
			CloudEvent cloudEvent;
			try {
				cloudEvent = KafkaMessageFactory.createReader(kafkaHeaders(message), message.getPayload()).toEvent();
			}
			catch (CloudEventRWException | IllegalStateException ex) {
				throw new PoisonEventException("Invalid CloudEvent: " + ex.getMessage(), ex);
			}
			UUID id;
			try {
				id = UUID.fromString(cloudEvent.getId());
			}
			catch (IllegalArgumentException ex) {
				throw new PoisonEventException(CloudEventHeaders.ID + " is not an event id: " + cloudEvent.getId(), ex);
			}
			return new Envelope(CloudEventHeaders.eventType(cloudEvent.getType()).orElse(null), id,
					cloudEvent.getType());
		}
		String type = header(message, Topics.EVENT_TYPE_HEADER);
		if (type == null) {
			throw new PoisonEventException("Record without a " + CloudEventHeaders.TYPE + " or "
					+ Topics.EVENT_TYPE_HEADER + " header", null);
		}
		return new Envelope(type, null, type);
	}

	/** The binder hands the record's headers over as message headers: back to Kafka headers, for the SDK's reader. */
	private static Headers kafkaHeaders(Message<?> message) {
		Headers headers = new RecordHeaders();
		message.getHeaders().forEach((name, value) -> {
			if (name.startsWith("ce_") || name.equals(CloudEventHeaders.CONTENT_TYPE)) {
				headers.add(name, value instanceof byte[] bytes ? bytes : value.toString().getBytes(StandardCharsets.UTF_8));
			}
		});
		return headers;
	}

	private static String header(Message<?> message, String name) {
		Object value = message.getHeaders().get(name);
		if (value instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		return value == null ? null : value.toString();
	}

	/**
	 * @param type  Rapport's event type, or null for a {@code ce_type} not of Rapport's
	 * @param id    the {@code ce_id}, or null for a record without the envelope
	 * @param label what the record called its type, for metrics and logs
	 */
	private record Envelope(String type, UUID id, String label) {
	}

	/** What a service does with one event; runs in the dispatcher's transaction. */
	@FunctionalInterface
	public interface EventHandler {

		void handle(RapportEvent event);

	}

}
