package dev.rapport.devstack.tools;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.rapport.devstack.stack.UsageException;
import dev.rapport.events.Topics;

/**
 * {@code devstack replay}: sends the dead letters of a topic back to the topic they came from, once their cause is
 * fixed (a consumer bug deployed, say). Same key (so the same partition and order per contact) and the event's own
 * headers (its CloudEvents {@code ce_} headers, so it is the same CloudEvent with the same {@code ce_id}, the type and
 * trace headers); the dead-letter publisher's error headers stay behind. A consumer group remembers what was replayed, so a
 * second run sends only new dead letters; replaying twice would be harmless anyway, since consumers apply an
 * {@code eventId} once.
 */
public final class DeadLetterReplay {

	static final String GROUP = "devstack-replay";

	private static final Duration POLL = Duration.ofMillis(500);

	private final String bootstrap;

	private final PrintStream out;

	public DeadLetterReplay(String bootstrap, PrintStream out) {
		this.bootstrap = bootstrap;
		this.out = out;
	}

	/** Replays every dead letter not replayed before; returns how many it sent. */
	public int run(String deadLetterTopic) {
		if (!deadLetterTopic.endsWith(Topics.DEAD_LETTER_SUFFIX)) {
			throw new UsageException("replay takes a dead-letter topic (ending in "
					+ Topics.DEAD_LETTER_SUFFIX + "), got '" + deadLetterTopic + "'");
		}
		String defaultTarget = deadLetterTopic.substring(0,
				deadLetterTopic.length() - Topics.DEAD_LETTER_SUFFIX.length());
		int sent = 0;
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, GROUP,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer());
				KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
						ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
						ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(),
						new StringSerializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic)
				.stream()
				.map(info -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			if (partitions.isEmpty()) {
				throw new IllegalStateException("No topic " + deadLetterTopic + " on " + bootstrap);
			}
			consumer.assign(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			while (!caughtUp(consumer, end)) {
				for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
					String target = EventTail.header(record, "original-topic").orElse(defaultTarget);
					producer.send(replayOf(record, target)).get();
					out.printf("  replayed %s offset %d (key %s) to %s%n", record.topic(), record.offset(), record.key(),
							target);
					sent++;
				}
				// Only once the broker acknowledged them: a replay cut short sends the rest next time.
				consumer.commitSync();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException("The broker refused a replayed record: " + ex.getCause().getMessage(), ex);
		}
		out.printf("Replayed %d dead letter%s from %s.%n", sent, sent == 1 ? "" : "s", deadLetterTopic);
		return sent;
	}

	/** The original record again: key, value and the event's headers, without the dead-letter publisher's ones. */
	static ProducerRecord<String, String> replayOf(ConsumerRecord<String, String> record, String target) {
		List<Header> headers = new ArrayList<>();
		for (Header header : record.headers()) {
			if (!header.key().startsWith("kafka_dlt") && !header.key().startsWith("x-exception")
					&& !header.key().startsWith("x-original")) {
				headers.add(header);
			}
		}
		return new ProducerRecord<>(target, null, record.key(), record.value(), headers);
	}

	private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
		Map<TopicPartition, Long> positions = new HashMap<>();
		end.keySet().forEach(partition -> positions.put(partition, consumer.position(partition)));
		return end.entrySet().stream().allMatch(entry -> positions.get(entry.getKey()) >= entry.getValue());
	}

}
