package dev.rapport.platform.test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.rapport.events.EventCodec;
import dev.rapport.events.RapportEvent;
import dev.rapport.events.Topics;
import dev.rapport.platform.outbox.EventRecords;

/**
 * Produces events onto the real topics exactly as a service's outbox relay does (keyed by aggregate id, CloudEvents
 * and type headers, JSON by the published codec), for tests of a consumer; {@link #sendRaw} for records written
 * before the CloudEvents headers and for hostile ones.
 */
public final class TopicWriter implements AutoCloseable {

	/** The {@code ce_source} name of what tests send: no service of Rapport's. */
	public static final String SOURCE = "platform-test";

	private final EventCodec codec = new EventCodec();

	private final KafkaProducer<String, byte[]> producer;

	public TopicWriter() {
		this(TestInfrastructure.kafkaBootstrapServers());
	}

	public TopicWriter(String bootstrapServers) {
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
	}

	/**
	 * Sends {@code event} to its topic as the relay does ({@link EventRecords}: CloudEvents headers and the type
	 * header) and waits for the broker's acknowledgement.
	 */
	public RecordMetadata send(RapportEvent event) {
		return send(recordOf(event));
	}

	/**
	 * Sends every one of {@code events} as {@link #send} would, without waiting for each acknowledgement in turn (a
	 * burst, as a relay draining a large outbox produces), and returns once the broker acknowledged them all.
	 */
	public void sendAll(List<? extends RapportEvent> events) {
		List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
		for (RapportEvent event : events) {
			sent.add(producer.send(recordOf(event)));
		}
		producer.flush();
		try {
			for (Future<RecordMetadata> acknowledged : sent) {
				acknowledged.get(30, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The broker refused a test record", ex);
		}
	}

	/** The record the relay would send for {@code event}, published by {@link #SOURCE}; to alter before sending. */
	public ProducerRecord<String, byte[]> recordOf(RapportEvent event) {
		return EventRecords.of(Topics.of(event), event.key(), event.eventId(), event.type(), event.occurredAt(), SOURCE,
				codec.serialize(event));
	}

	/** A record as producers wrote them before the CloudEvents headers: only the type header (if any type). */
	public RecordMetadata sendRaw(String topic, String key, String type, byte[] value) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
		if (type != null) {
			record.headers().add(Topics.EVENT_TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
		}
		return send(record);
	}

	public RecordMetadata send(ProducerRecord<String, byte[]> record) {
		String topic = record.topic();
		try {
			return producer.send(record).get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The broker refused a test record for " + topic, ex);
		}
	}

	@Override
	public void close() {
		producer.close();
	}

}
