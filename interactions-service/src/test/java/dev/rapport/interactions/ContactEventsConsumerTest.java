package dev.rapport.interactions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.ContactArchived;
import dev.rapport.events.ContactCreated;
import dev.rapport.events.ContactDeleted;
import dev.rapport.events.ContactMerged;
import dev.rapport.events.ContactUpdated;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.events.EventCodec;
import dev.rapport.events.InteractionUpdated;
import dev.rapport.events.Topics;
import dev.rapport.interactions.contact.ContactReplica;
import dev.rapport.interactions.contact.ContactReplicaRepository;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ApiClient.Response;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TestTokens;
import dev.rapport.platform.test.TopicReader;
import dev.rapport.platform.test.TopicReader.Message;

import static dev.rapport.platform.test.ProblemAssertions.assertProblem;
import static dev.rapport.interactions.Interactions.coffee;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact replica follows {@code rapport.contacts.v1} on a real broker: each event has one effect however often
 * it arrives, any order converges on the newest state, a poison record goes to the dead-letter topic without
 * blocking its partition, and a deleted contact is erased from every interaction.
 */
@ServiceIntegrationTest
class ContactEventsConsumerTest {

	private static final Duration PATIENCE = ContactFeed.PATIENCE;

	@LocalServerPort
	int port;

	@Autowired
	ContactReplicaRepository replicas;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	ApiClient api;

	ContactFeed feed;

	UUID team;

	UUID owner;

	String token;

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		feed = new ContactFeed(replicas, jdbc);
		team = UUID.randomUUID();
		owner = UUID.randomUUID();
		token = TestTokens.token(owner, team, "member");
	}

	@AfterEach
	void closeFeed() {
		feed.close();
	}

	@Test
	void aDuplicateCreationHasOneEffect() {
		UUID contact = UUID.randomUUID();
		ContactCreated created = ContactCreated.of(contact, team, owner, ContactFeed.snapshot(Visibility.TEAM, 1, false),
				Instant.now());

		feed.send(created);
		feed.send(created);
		ContactUpdated marker = ContactUpdated.of(contact, team, owner, ContactFeed.snapshot(Visibility.TEAM, 2, false),
				List.of("displayName"), Instant.now());
		feed.send(marker);
		feed.awaitProcessed(marker.eventId());

		assertThat(feed.processedCount(created.eventId())).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from contact_replica where contact_id = :id")
			.param("id", contact)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(replicas.find(contact)).get().extracting(ContactReplica::version).isEqualTo(2L);
	}

	@Test
	void aDuplicateDeletionErasesOnce() {
		UUID contact = feed.contact(team, owner, Visibility.PRIVATE);
		String id = log(coffee(contact));
		ContactDeleted deleted = ContactDeleted.of(contact, team, owner, Instant.now());

		feed.send(deleted);
		feed.send(deleted);
		ContactDeleted again = ContactDeleted.of(contact, team, owner, Instant.now()); // a second, distinct deletion
		feed.send(again);
		feed.awaitProcessed(again.eventId());

		assertThat(feed.processedCount(deleted.eventId())).isEqualTo(1);
		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.INTERACTIONS)) {
			reader.awaitMessages(message -> message.key().equals(id), received -> received.size() >= 2, PATIENCE);
			assertThat(reader.messagesWithin(message -> message.key().equals(id), Duration.ofSeconds(1)))
				.extracting(Message::type)
				.containsExactly("InteractionLogged", "InteractionDeleted");
		}
	}

	@Test
	void anUpdateBeforeItsCreationIsKeptAndTheLateCreationIgnored() {
		UUID contact = UUID.randomUUID();
		ContactUpdated update = ContactUpdated.of(contact, team, owner, ContactFeed.snapshot(Visibility.TEAM, 2, false),
				List.of("visibility"), Instant.now());
		ContactCreated creation = ContactCreated.of(contact, team, owner,
				ContactFeed.snapshot(Visibility.PRIVATE, 1, false), Instant.now());

		feed.send(update);
		feed.send(creation);
		feed.awaitProcessed(creation.eventId());

		ContactReplica replica = replicas.find(contact).orElseThrow();
		assertThat(replica.version()).isEqualTo(2);
		assertThat(replica.visibility()).as("the older snapshot does not downgrade visibility").isEqualTo(Visibility.TEAM);
		String teammate = TestTokens.token(UUID.randomUUID(), team);
		assertThat(api.post("/api/interactions", teammate, coffee(contact)).status()).isEqualTo(201);
	}

	@Test
	void anOlderSnapshotAfterANewerOneChangesNothing() {
		UUID contact = UUID.randomUUID();
		feed.send(ContactCreated.of(contact, team, owner, ContactFeed.snapshot(Visibility.PRIVATE, 1, false), Instant.now()));
		feed.send(ContactUpdated.of(contact, team, owner, ContactFeed.snapshot(Visibility.PRIVATE, 3, false),
				List.of("visibility"), Instant.now()));
		ContactUpdated stale = ContactUpdated.of(contact, team, owner, ContactFeed.snapshot(Visibility.TEAM, 2, false),
				List.of("visibility"), Instant.now());
		feed.send(stale);
		feed.awaitProcessed(stale.eventId());

		ContactReplica replica = replicas.find(contact).orElseThrow();
		assertThat(replica.version()).isEqualTo(3);
		assertThat(replica.visibility()).isEqualTo(Visibility.PRIVATE);
		assertProblem(api.post("/api/interactions", TestTokens.token(UUID.randomUUID(), team), coffee(contact)), 400,
				"validation");
	}

	@Test
	void anArchiveBeforeTheCreationIsKept() {
		UUID contact = UUID.randomUUID();
		Instant createdAt = Instant.parse("2026-01-01T00:01:00Z"); // snapshot version 1's updatedAt
		ContactArchived archived = ContactArchived.of(contact, team, owner, createdAt.plusSeconds(60));
		ContactCreated creation = ContactCreated.of(contact, team, owner,
				ContactFeed.snapshot(Visibility.TEAM, 1, false), createdAt);

		feed.send(archived);
		feed.send(creation);
		feed.awaitProcessed(creation.eventId());

		ContactReplica replica = replicas.find(contact).orElseThrow();
		assertThat(replica.archived()).isTrue();
		assertThat(replica.visibility()).isEqualTo(Visibility.TEAM);
	}

	@Test
	void nothingBringsADeletedContactBack() {
		UUID contact = UUID.randomUUID();
		feed.send(ContactDeleted.of(contact, team, owner, Instant.now()));
		ContactCreated late = ContactCreated.of(contact, team, owner, ContactFeed.snapshot(Visibility.TEAM, 1, false),
				Instant.now());
		feed.send(late);
		feed.awaitProcessed(late.eventId());

		assertThat(replicas.find(contact)).get().extracting(ContactReplica::deleted).isEqualTo(true);
		assertProblem(api.post("/api/interactions", token, coffee(contact)), 400, "validation");
	}

	@Test
	void aPoisonRecordGoesToTheDeadLetterTopicAndItsPartitionFlowsOn() {
		UUID contact = UUID.randomUUID();
		RecordMetadata poison = feed.sendRaw(contact.toString(), "ContactCreated",
				"{\"eventId\": not json".getBytes(StandardCharsets.UTF_8));
		ContactCreated good = ContactCreated.of(contact, team, owner, ContactFeed.snapshot(Visibility.TEAM, 1, false),
				Instant.now());
		RecordMetadata next = feed.send(good);
		assertThat(next.partition()).as("same key, same partition").isEqualTo(poison.partition());

		feed.awaitReplica(contact, replica -> replica.version() == 1);

		ConsumerRecord<String, String> dead = awaitDeadLetter(contact.toString());
		assertThat(dead.value()).isEqualTo("{\"eventId\": not json");
		Map<String, String> headers = new HashMap<>();
		for (Header header : dead.headers()) {
			headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
		}
		assertThat(headers).containsEntry(Topics.EVENT_TYPE_HEADER, "ContactCreated");
		assertThat(headers.entrySet())
			.as("the error travels in the headers: %s", headers.keySet())
			.anySatisfy(header -> {
				assertThat(header.getKey()).contains("exception-message");
				assertThat(header.getValue()).contains("Unreadable ContactCreated");
			});
		assertThat(headers.keySet()).anySatisfy(key -> assertThat(key).contains("original-topic"));
		assertThat(meters.counter("rapport.events.consumed", "consumer", "contactEvents", "type", "unreadable",
				"outcome", "poison").count()).as("poison is not retried").isEqualTo(1.0);
	}

	@Test
	void aDeletedContactIsErasedFromEveryInteraction() {
		UUID ada = feed.contact(team, owner, Visibility.TEAM);
		UUID grace = feed.contact(team, owner, Visibility.TEAM);
		String alone = log(coffee(ada));
		String together = log(coffee(ada, grace));
		String without = log(coffee(grace));

		feed.send(ContactDeleted.of(ada, team, owner, Instant.now()));
		feed.awaitReplica(ada, ContactReplica::deleted);

		assertProblem(api.get("/api/interactions/" + alone, token), 404, "not-found");
		JsonNode rest = api.get("/api/interactions/" + together, token).json();
		assertThat(rest.get("participantIds").valueStream().map(JsonNode::asString)).containsExactly(grace.toString());
		assertThat(rest.get("version").asLong()).isEqualTo(2);
		assertThat(api.get("/api/interactions/" + without, token).json().get("version").asLong()).isEqualTo(1);
		assertProblem(api.get("/api/contacts/" + ada + "/interactions", token), 404, "not-found");
		assertThat(api.get("/api/contacts/" + grace + "/interactions", token).json().get("totalItems").asLong())
			.isEqualTo(2);
		assertProblem(api.post("/api/interactions", token, coffee(ada)), 400, "validation");
		assertThat(jdbc.sql("select count(*) from interaction where participant_ids @> array[cast(:id as uuid)]")
			.param("id", ada)
			.query(Long.class)
			.single()).isZero();

		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.INTERACTIONS)) {
			List<Message> events = reader.awaitMessages(
					message -> message.key().equals(alone) || message.key().equals(together),
					received -> received.size() >= 4, PATIENCE);
			assertThat(events.stream().filter(message -> message.key().equals(alone)))
				.extracting(Message::type)
				.containsExactly("InteractionLogged", "InteractionDeleted");
			List<Message> togetherEvents = events.stream().filter(message -> message.key().equals(together)).toList();
			assertThat(togetherEvents).extracting(Message::type).containsExactly("InteractionLogged", "InteractionUpdated");
			InteractionUpdated updated = (InteractionUpdated) new EventCodec().fromJson("InteractionUpdated",
					togetherEvents.get(1).value());
			assertThat(updated.changedFields()).containsExactly("participantIds");
			assertThat(updated.interaction().participantIds()).containsExactly(grace);
		}
	}

	@Test
	void aMergedContactsConversationsMoveToTheSurvivor() {
		UUID ada = feed.contact(team, owner, Visibility.TEAM);
		UUID duplicate = feed.contact(team, owner, Visibility.TEAM);
		UUID grace = feed.contact(team, owner, Visibility.TEAM);
		String alone = log(coffee(duplicate));
		String both = log(coffee(ada, duplicate));
		String withGrace = log(coffee(grace, duplicate));

		feed.send(ContactMerged.of(duplicate, ada, team, owner, Instant.now()));
		feed.awaitReplica(duplicate, ContactReplica::deleted);

		assertThat(participants(alone)).containsExactly(ada.toString());
		assertThat(participants(both)).as("once, though both were there").containsExactly(ada.toString());
		assertThat(participants(withGrace)).containsExactly(grace.toString(), ada.toString());
		assertThat(api.get("/api/interactions/" + alone, token).json().get("version").asLong()).isEqualTo(2);
		assertThat(api.get("/api/contacts/" + ada + "/interactions", token).json().get("totalItems").asLong())
			.as("one timeline").isEqualTo(3);
		assertProblem(api.get("/api/contacts/" + duplicate + "/interactions", token), 404, "not-found");
		assertProblem(api.post("/api/interactions", token, coffee(duplicate)), 400, "validation");

		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.INTERACTIONS)) {
			List<Message> updates = reader.awaitMessages(
					message -> List.of(alone, both, withGrace).contains(message.key())
							&& message.type().equals("InteractionUpdated"),
					received -> received.size() >= 3, PATIENCE);
			assertThat(updates).extracting(message -> ((InteractionUpdated) new EventCodec()
				.fromJson("InteractionUpdated", message.value())).changedFields()).containsOnly(List.of("participantIds"));
		}
	}

	private List<String> participants(String interaction) {
		return api.get("/api/interactions/" + interaction, token)
			.json()
			.get("participantIds")
			.valueStream()
			.map(JsonNode::asString)
			.toList();
	}

	private String log(String body) {
		Response created = api.post("/api/interactions", token, body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private ConsumerRecord<String, String> awaitDeadLetter(String key) {
		String topic = Topics.deadLetter(Topics.CONTACTS);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "test-dlt-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30))
				.stream()
				.map(info -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			List<ConsumerRecord<String, String>> found = new ArrayList<>();
			Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
				consumer.poll(Duration.ofMillis(100)).forEach(record -> {
					if (key.equals(record.key())) {
						found.add(record);
					}
				});
				return !found.isEmpty();
			});
			return found.getFirst();
		}
	}

}
