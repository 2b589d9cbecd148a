package dev.rapport.platform.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

import dev.rapport.events.CloudEventHeaders;
import dev.rapport.events.Topics;

/**
 * Reads a topic from the beginning, as an outside consumer (analytics, another service) would, and lets a test
 * wait for the records it expects.
 */
public final class TopicReader implements AutoCloseable {

	private final KafkaConsumer<String, String> consumer;

	private final List<Message> received = new ArrayList<>();

	public TopicReader(String bootstrapServers, String topic) {
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
		List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30))
			.stream()
			.map(info -> new TopicPartition(topic, info.partition()))
			.toList();
		consumer.assign(partitions);
		consumer.seekToBeginning(partitions);
	}

	/** Polls until the records received so far (filtered) satisfy {@code done}, then returns the filtered ones. */
	public List<Message> awaitMessages(Predicate<Message> filter, Predicate<List<Message>> done, Duration atMost) {
		return Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
			poll();
			return received.stream().filter(filter).toList();
		}, done);
	}

	/** Everything matching {@code filter} that arrives within {@code window}; for asserting that nothing more came. */
	public List<Message> messagesWithin(Predicate<Message> filter, Duration window) {
		long end = System.nanoTime() + window.toNanos();
		while (System.nanoTime() < end) {
			poll();
		}
		return received.stream().filter(filter).toList();
	}

	private void poll() {
		for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
			Map<String, String> headers = new LinkedHashMap<>();
			for (Header header : record.headers()) {
				headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
			}
			String type = CloudEventHeaders.eventType(headers.get(CloudEventHeaders.TYPE))
				.orElse(headers.get(Topics.EVENT_TYPE_HEADER));
			received.add(new Message(record.key(), type, record.value(),
					record.partition(), record.offset(), Collections.unmodifiableMap(headers)));
		}
	}

	@Override
	public void close() {
		consumer.close();
	}

	/**
	 * One record as a reader sees it. {@code type}: the event type its {@code ce_type} names, else its
	 * {@link Topics#EVENT_TYPE_HEADER}. {@code headers}: each header's last value read as UTF-8 (what dead-letter
	 * records carry their error in; binary ones such as the original partition read as noise).
	 */
	public record Message(String key, String type, String value, int partition, long offset,
			Map<String, String> headers) {
	}

}
