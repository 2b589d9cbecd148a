package dev.rapport.platform.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.rapport.events.CloudEventHeaders;
import dev.rapport.events.Topics;

/**
 * The Kafka record an event is published as: a CloudEvent in binary mode written by the SDK's Kafka binding (the
 * {@link CloudEventHeaders}, the event's JSON unchanged as the value), keyed by the aggregate id, plus
 * {@link Topics#EVENT_TYPE_HEADER} for consumers that have not moved over yet. The relay sends these; tests that
 * play a producer send the same.
 */
public final class EventRecords {

	private EventRecords() {
	}

	/**
	 * @param applicationName the publishing service ({@code spring.application.name}), the record's {@code ce_source}
	 * @param payload         the event's JSON as the codec wrote it
	 */
	public static ProducerRecord<String, byte[]> of(String topic, String key, UUID eventId, String eventType,
			Instant occurredAt, String applicationName, byte[] payload) {
		CloudEvent envelope = CloudEventBuilder.v1()
			.withId(eventId.toString())
			.withType(CloudEventHeaders.type(eventType))
			.withSource(URI.create(CloudEventHeaders.source(applicationName)))
			.withTime(occurredAt.atOffset(ZoneOffset.UTC))
			.withSubject(key)
			.withDataSchema(URI.create(CloudEventHeaders.dataSchema(eventType)))
			.withDataContentType(CloudEventHeaders.CONTENT_TYPE_VALUE)
			.withData(payload)
			.build();
		ProducerRecord<String, byte[]> record = KafkaMessageFactory.<String>createWriter(topic, key)
			.writeBinary(envelope);
		record.headers().add(Topics.EVENT_TYPE_HEADER, eventType.getBytes(StandardCharsets.UTF_8));
		return record;
	}

	/**
	 * A tombstone for a compacted state topic: the key with a null value, so compaction removes the key's earlier
	 * records. Still a CloudEvent (one without data: no {@code ce_dataschema}, no {@code content-type}) of the topic's
	 * state type, so readers that dispatch on {@code ce_type} see what it is.
	 *
	 * @param stateType  the state event type of the topic, e.g. {@code ContactState}
	 * @param occurredAt when the erasure was committed
	 */
	public static ProducerRecord<String, byte[]> tombstone(String topic, String key, UUID id, String stateType,
			Instant occurredAt, String applicationName) {
		CloudEvent envelope = CloudEventBuilder.v1()
			.withId(id.toString())
			.withType(CloudEventHeaders.type(stateType))
			.withSource(URI.create(CloudEventHeaders.source(applicationName)))
			.withTime(occurredAt.atOffset(ZoneOffset.UTC))
			.withSubject(key)
			.build();
		ProducerRecord<String, byte[]> record = KafkaMessageFactory.<String>createWriter(topic, key)
			.writeBinary(envelope);
		if (record.value() != null) {
			throw new IllegalStateException("A tombstone must have a null value");
		}
		record.headers().add(Topics.EVENT_TYPE_HEADER, stateType.getBytes(StandardCharsets.UTF_8));
		return record;
	}

}
