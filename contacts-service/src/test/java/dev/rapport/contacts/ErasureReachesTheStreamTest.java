package dev.rapport.contacts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.CloudEventHeaders;
import dev.rapport.events.Topics;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Erasure reaches the stream, on the real broker: once the log cleaner has compacted the state topic, a consumer
 * reading it from offset zero finds nothing of an erased contact (her snapshots gone by her tombstone, then the
 * tombstone gone after {@code delete.retention.ms}), while a contact that still exists is there in her latest state.
 * The state topic is given segments that roll within milliseconds and a cleaner that takes any dirt, so compaction
 * runs within the test; the broker's cleaner still only looks every {@code log.cleaner.backoff.ms} (15 s).
 */
@ServiceIntegrationTest
class ErasureReachesTheStreamTest {

	private static final Duration PATIENCE = Duration.ofMinutes(3);

	/** Keys written only to make each partition roll its active segment: the cleaner never compacts that one. */
	private static final String SEGMENT_ROLL_KEY = "test-segment-roll";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anErasedContactLeavesNothingOnTheStateTopicOnceCompactionHasRun() throws Exception {
		String bootstrap = TestInfrastructure.kafkaBootstrapServers();
		compactWithinTheTest(bootstrap);
		ApiClient api = new ApiClient(port);
		UUID team = UUID.randomUUID();
		String token = TestTokens.token(UUID.randomUUID(), team);
		String ada = api.post("/api/contacts", token, ContactApiTest.ADA).json().get("id").asString();
		api.patch("/api/contacts/" + ada, token, "{\"company\": \"Babbage & Co\"}", Map.of());
		String grace = api.post("/api/contacts", token, "{\"displayName\": \"Grace Hopper\"}").json().get("id").asString();
		api.patch("/api/contacts/" + grace, token, "{\"company\": \"US Navy\"}", Map.of());

		List<ConsumerRecord<String, String>> before = awaitRecords(bootstrap,
				records -> keyed(records, ada).size() == 2 && keyed(records, grace).size() == 2);
		assertThat(keyed(before, ada)).extracting(ConsumerRecord::value)
			.allSatisfy(value -> assertThat(value).contains("ada@analytical.example"));
		assertThat(before).filteredOn(record -> ada.equals(record.key()))
			.allSatisfy(record -> assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("dev.rapport.ContactState"));

		int herPartition = keyed(before, ada).getFirst().partition();

		assertThat(api.delete("/api/contacts/" + ada, token).status()).isEqualTo(204);
		// Her tombstone is not looked for here: without it, her snapshot must show as outliving compaction (below).
		// What a tombstone record looks like is OutboxRelayCloudEventsTest's.
		Awaitility.await().atMost(Duration.ofSeconds(60)).alias("the relay sent everything the erasure wrote")
			.until(() -> jdbc.sql("select count(*) from outbox_event where published_at is null").query(Long.class)
				.single() == 0);

		try (SegmentRoller roller = new SegmentRoller(bootstrap)) {
			List<ConsumerRecord<String, String>> compacted = Awaitility.await()
				.alias("the cleaner compacts her partition (the roller's own duplicates go) and Grace's")
				.atMost(PATIENCE)
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> {
					roller.rollEverySegment();
					return readFromOffsetZero(bootstrap);
				}, records -> keyed(records, grace).size() == 1 && roller.compacted(records, herPartition));

			assertThat(keyed(compacted, ada)).extracting(ConsumerRecord::value)
				.as("what the state topic still holds of her once compaction ran")
				.allSatisfy(value -> assertThat(value).as("nothing but her tombstone").isNull());
			assertThat(keyed(compacted, grace).getFirst().value()).as("a contact that exists stays, in her latest state")
				.contains("US Navy");

			List<ConsumerRecord<String, String>> later = Awaitility.await()
				.alias("her tombstone goes too, delete.retention.ms after compaction reached it")
				.atMost(PATIENCE)
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> {
					roller.rollEverySegment();
					return readFromOffsetZero(bootstrap);
				}, records -> keyed(records, ada).isEmpty());
			// Other tests' contacts may be named Ada too: what this team's records say is what counts.
			assertThat(later).extracting(ConsumerRecord::value)
				.filteredOn(value -> value != null && value.contains(team.toString()))
				.hasSize(1)
				.noneSatisfy(value -> assertThat(value).contains(ada))
				.noneSatisfy(value -> assertThat(value).contains("ada@analytical.example"));
		}
	}

	/** What the brief asks of a test topic, set on the shared broker's state topic (no other test reads it). */
	private static void compactWithinTheTest(String bootstrap) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CONTACTS_STATE);
			Collection<AlterConfigOp> fast = List.of(set("segment.ms", "100"), set("min.cleanable.dirty.ratio", "0.01"),
					set("min.compaction.lag.ms", "0"), set("delete.retention.ms", "100"));
			admin.incrementalAlterConfigs(Map.of(topic, fast)).all().get();
			String policy = admin.describeConfigs(List.of(topic)).all().get().get(topic).get("cleanup.policy").value();
			assertThat(policy).as("created compacted by the test infrastructure, from Topics.config").isEqualTo("compact");
		}
	}

	private static AlterConfigOp set(String name, String value) {
		return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
	}

	/**
	 * Writes one record to each partition, under one key of its own: the segment it lands in rolls (older than
	 * segment.ms), so everything before it becomes cleanable. Its own records show when the cleaner has run on a
	 * partition: fewer of them remain than it wrote.
	 */
	private static final class SegmentRoller implements AutoCloseable {

		private final KafkaProducer<String, String> producer;

		private final Map<Integer, Integer> written = new HashMap<>();

		SegmentRoller(String bootstrap) {
			this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
					ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
					ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
		}

		void rollEverySegment() throws Exception {
			int partitions = producer.partitionsFor(Topics.CONTACTS_STATE).size();
			for (int partition = 0; partition < partitions; partition++) {
				producer.send(new ProducerRecord<>(Topics.CONTACTS_STATE, partition, SEGMENT_ROLL_KEY, "{}")).get();
				written.merge(partition, 1, Integer::sum);
			}
		}

		/** Whether the cleaner has compacted this partition since the roller began (its earlier records removed). */
		boolean compacted(List<ConsumerRecord<String, String>> records, int partition) {
			long remaining = records.stream()
				.filter(record -> record.partition() == partition && SEGMENT_ROLL_KEY.equals(record.key()))
				.count();
			return written.getOrDefault(partition, 0) >= 3 && remaining < written.get(partition) - 1;
		}

		@Override
		public void close() {
			producer.close();
		}

	}

	private static List<ConsumerRecord<String, String>> awaitRecords(String bootstrap,
			Predicate<List<ConsumerRecord<String, String>>> done) {
		return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
			.until(() -> readFromOffsetZero(bootstrap), done);
	}

	/** Everything the topic holds now, from offset zero to its end, as a new consumer would read it. */
	private static List<ConsumerRecord<String, String>> readFromOffsetZero(String bootstrap) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topics.CONTACTS_STATE, Duration.ofSeconds(30))
				.stream()
				.map(info -> new TopicPartition(Topics.CONTACTS_STATE, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			return records;
		}
	}

	private static List<ConsumerRecord<String, String>> keyed(List<ConsumerRecord<String, String>> records, String key) {
		return records.stream().filter(record -> key.equals(record.key())).toList();
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		var header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

}
