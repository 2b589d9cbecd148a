package dev.rapport.devstack.tools;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.rapport.events.CloudEventHeaders;
import dev.rapport.events.Topics;

/**
 * Prints the records of Rapport's topics as they arrive, one readable block each, until Ctrl-C. It reads every
 * partition directly (no consumer group), so it never moves a service's offsets.
 */
public final class EventTail {

	private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final String bootstrap;

	private final PrintStream out;

	public EventTail(String bootstrap, PrintStream out) {
		this.bootstrap = bootstrap;
		this.out = out;
	}

	/** Tails the given topics, or with {@code all} every topic whose name starts with "rapport.". */
	public void run(List<String> topics, boolean all, boolean fromBeginning) {
		CountDownLatch closed = new CountDownLatch(1);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.CLIENT_ID_CONFIG,
				"devstack-tail", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000), new StringDeserializer(),
				new StringDeserializer())) {
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				consumer.wakeup();
				awaitQuietly(closed);
			}, "devstack-tail-stop"));
			List<String> names = all ? rapportTopics(consumer) : topics;
			List<TopicPartition> partitions = partitions(consumer, names);
			consumer.assign(partitions);
			if (fromBeginning) {
				consumer.seekToBeginning(partitions);
			}
			else {
				consumer.seekToEnd(partitions);
			}
			out.printf("Tailing %s (%d partitions) from the %s; Ctrl-C stops.%n%n", String.join(", ", names),
					partitions.size(), fromBeginning ? "beginning" : "end");
			out.flush();
			while (true) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
					out.println(format(record));
					out.flush();
				}
			}
		}
		catch (WakeupException ex) {
			// Ctrl-C: the consumer is closed by now.
		}
		finally {
			closed.countDown();
		}
	}

	private static List<String> rapportTopics(KafkaConsumer<String, String> consumer) {
		return consumer.listTopics().keySet().stream().filter(topic -> topic.startsWith("rapport.")).sorted().toList();
	}

	private List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, List<String> topics) {
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : topics) {
			List<PartitionInfo> infos = consumer.partitionsFor(topic);
			if (infos == null || infos.isEmpty()) {
				throw new IllegalStateException(
						"No topic " + topic + " on " + bootstrap + "; Rapport's are " + Topics.EVERY_TOPIC);
			}
			infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
		}
		return partitions;
	}

	/**
	 * One record as a block: where it sits, when it was written, its key, event type and (indented) JSON, its
	 * CloudEvents id, source and time; for a dead letter also why it failed and where it came from.
	 */
	static String format(ConsumerRecord<String, String> record) {
		String deadLetter = header(record, "exception-message")
			.map(error -> "   error: %s%n   from:  %s partition %s offset %s%n".formatted(firstLine(error),
					header(record, "original-topic").orElse("?"), header(record, "original-partition").orElse("?"),
					header(record, "original-offset").orElse("?")))
			.orElse("");
		String cloudEvent = exactHeader(record, CloudEventHeaders.ID)
			.map(id -> "   ce:   id %s  source %s  time %s%n".formatted(id,
					exactHeader(record, CloudEventHeaders.SOURCE).orElse("?"),
					exactHeader(record, CloudEventHeaders.TIME).orElse("?")))
			.orElse("");
		return "── %s  partition %d  offset %d  %s%n   key:  %s%n   type: %s%n%s%s%s%n".formatted(record.topic(),
				record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()), record.key(),
				type(record), cloudEvent, deadLetter, indent(pretty(record.value())));
	}

	/** The event type its {@code ce_type} names, else its older type header (records written before the envelope). */
	private static String type(ConsumerRecord<?, ?> record) {
		Optional<String> cloudEventType = exactHeader(record, CloudEventHeaders.TYPE);
		if (cloudEventType.isPresent()) {
			return CloudEventHeaders.eventType(cloudEventType.get()).orElse(cloudEventType.get());
		}
		return exactHeader(record, Topics.EVENT_TYPE_HEADER)
			.orElse("(no " + CloudEventHeaders.TYPE + " or " + Topics.EVENT_TYPE_HEADER + " header)");
	}

	private static Optional<String> exactHeader(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return header == null || header.value() == null ? Optional.empty()
				: Optional.of(new String(header.value(), StandardCharsets.UTF_8));
	}

	/**
	 * A header by the end of its name: the dead-letter publisher's headers carry a prefix ({@code kafka_dlt-}) that
	 * its versions have spelled differently. Offsets and partitions it writes as big-endian binary numbers.
	 */
	static Optional<String> header(ConsumerRecord<?, ?> record, String nameEnding) {
		for (Header header : record.headers()) {
			if (header.key().endsWith(nameEnding) && header.value() != null) {
				byte[] value = header.value();
				if (nameEnding.endsWith("partition") && value.length == Integer.BYTES) {
					return Optional.of(Integer.toString(ByteBuffer.wrap(value).getInt()));
				}
				if (nameEnding.endsWith("offset") && value.length == Long.BYTES) {
					return Optional.of(Long.toString(ByteBuffer.wrap(value).getLong()));
				}
				return Optional.of(new String(value, StandardCharsets.UTF_8));
			}
		}
		return Optional.empty();
	}

	private static String firstLine(String text) {
		return text.lines().findFirst().orElse("");
	}

	private static String pretty(String value) {
		if (value == null) {
			return "(null value: a tombstone)";
		}
		try {
			return JSON.writeValueAsString(JSON.readTree(value));
		}
		catch (JacksonException ex) {
			return value;
		}
	}

	private static String indent(String text) {
		return text.lines().map(line -> "   " + line).reduce((a, b) -> a + "\n" + b).orElse("");
	}

	/** Lets the consumer close (leaving no half-read state) before the JVM halts, without waiting forever. */
	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
