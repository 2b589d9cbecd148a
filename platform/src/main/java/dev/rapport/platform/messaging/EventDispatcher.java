package dev.rapport.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.events.EventCodec;
import dev.rapport.events.RapportEvent;
import dev.rapport.events.Topics;

/**
 * Turns Kafka records into events and applies each exactly once: the handler's effect and the processed-event
 * record commit together. Types this service does not know (added by newer producers) are skipped, unreadable
 * records are poison (dead-letter topic), and any other failure propagates so the binder retries with backoff.
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
		return message -> dispatch(name, message, handler);
	}

	void dispatch(String name, Message<byte[]> message, EventHandler handler) {
		try {
			apply(name, message, handler);
		}
		catch (PoisonEventException ex) {
			// The binder sends it to the dead-letter topic without retrying: this is the only place it is seen.
			meters.counter("rapport.events.consumed", "consumer", name, "type", "unreadable", "outcome", "poison")
				.increment();
			log.warn("{} sends a poison record to the dead-letter topic: {}", name, ex.getMessage());
			throw ex;
		}
	}

	private void apply(String name, Message<byte[]> message, EventHandler handler) {
		String type = header(message, Topics.EVENT_TYPE_HEADER);
		if (type == null) {
			throw new PoisonEventException("Record without a " + Topics.EVENT_TYPE_HEADER + " header", null);
		}
		Optional<Class<? extends RapportEvent>> eventClass = codec.classOf(type);
		if (eventClass.isEmpty()) {
			meters.counter("rapport.events.consumed", "consumer", name, "type", type, "outcome", "unknown-type")
				.increment();
			log.debug("{} skips event type {} it does not know", name, type);
			return;
		}
		RapportEvent event;
		try {
			event = codec.deserialize(message.getPayload(), eventClass.get());
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			throw new PoisonEventException("Unreadable " + type + ": " + ex.getMessage(), ex);
		}
		Boolean applied = transactions.execute(status -> {
			if (!processed.firstDelivery(event)) {
				return false;
			}
			handler.handle(event);
			return true;
		});
		meters.counter("rapport.events.consumed", "consumer", name, "type", type, "outcome",
				Boolean.TRUE.equals(applied) ? "applied" : "duplicate")
			.increment();
	}

	private static String header(Message<?> message, String name) {
		Object value = message.getHeaders().get(name);
		if (value instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		return value == null ? null : value.toString();
	}

	/** What a service does with one event; runs in the dispatcher's transaction. */
	@FunctionalInterface
	public interface EventHandler {

		void handle(RapportEvent event);

	}

}
