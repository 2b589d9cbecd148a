package dev.rapport.contacts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

import org.springframework.boot.test.web.server.LocalServerPort;

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

		assertThat(api.delete("/api/contacts/" + ada, token).status()).isEqualTo(204);
		List<ConsumerRecord<String, String>> erased = awaitRecords(bootstrap,
				records -> records.stream().anyMatch(record -> ada.equals(record.key()) && record.value() == null));
		ConsumerRecord<String, String> tombstone = erased.stream()
			.filter(record -> ada.equals(record.key()) && record.value() == null)
			.findFirst()
			.orElseThrow();
		assertThat(header(tombstone, CloudEventHeaders.TYPE)).isEqualTo("dev.rapport.ContactState");
		assertThat(header(tombstone, CloudEventHeaders.SUBJECT)).isEqualTo(ada);
		assertThat(header(tombstone, CloudEventHeaders.DATA_SCHEMA)).as("no data, so no schema").isNull();

		try (KafkaProducer<String, String> roller = producer(bootstrap)) {
			List<ConsumerRecord<String, String>> compacted = Awaitility.await()
				.alias("the cleaner compacts the state topic: Grace down to her latest state, nothing left of Ada")
				.atMost(PATIENCE)
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> {
					rollEverySegment(roller);
					return readFromOffsetZero(bootstrap);
				}, records -> keyed(records, grace).size() == 1 && keyed(records, ada).isEmpty());

			assertThat(keyed(compacted, grace).getFirst().value()).contains("US Navy");
			// Other tests' contacts may be named Ada too: what this team's records say is what counts.
			assertThat(compacted).extracting(ConsumerRecord::value)
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

	/** One record on each partition: the segment it lands in rolls (older than segment.ms), so the last one is cleanable. */
	private static void rollEverySegment(KafkaProducer<String, String> roller) throws Exception {
		int partitions = roller.partitionsFor(Topics.CONTACTS_STATE).size();
		for (int partition = 0; partition < partitions; partition++) {
			roller.send(new ProducerRecord<>(Topics.CONTACTS_STATE, partition, SEGMENT_ROLL_KEY, "{}")).get();
		}
	}

	private static List<ConsumerRecord<String, String>> awaitRecords(String bootstrap,
			java.util.function.Predicate<List<ConsumerRecord<String, String>>> done) {
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
		return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
	}

	private static KafkaProducer<String, String> producer(String bootstrap) {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
	}

}
