package dev.rapport.reminders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.CloudEventHeaders;
import dev.rapport.events.ContactCreated;
import dev.rapport.events.ContactSnapshot.Cadence;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.events.EventCodec;
import dev.rapport.events.InteractionLogged;
import dev.rapport.events.Topics;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TopicReader;
import dev.rapport.platform.test.TopicReader.Message;
import dev.rapport.platform.time.ShiftableClock;

import static dev.rapport.reminders.EventFeed.contact;
import static dev.rapport.reminders.EventFeed.interaction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record reminders-service's consumers can never apply (not JSON, an event breaking its own rules, no type
 * header) goes to {@code <topic>.dlt} at once, with the error in its headers, and the next record on the same
 * partition is applied: one bad record never stops a contact's events.
 */
@RemindersIntegrationTest
class DeadLetterTest {

	static final Duration WAIT = Duration.ofSeconds(60);

	static EventFeed feed;

	@Autowired
	ShiftableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	final EventCodec codec = new EventCodec();

	final UUID team = UUID.randomUUID();

	final UUID owner = UUID.randomUUID();

	@BeforeAll
	static void openFeed() {
		feed = new EventFeed();
	}

	@AfterAll
	static void closeFeed() {
		feed.close();
	}

	@Test
	void unreadableInteractionRecordsGoToTheDeadLetterTopicAndTheirPartitionFlowsOn() {
		Instant now = clock.instant();
		UUID contactId = UUID.randomUUID();
		feed.send(ContactCreated.of(contactId, team, owner,
				contact("Ada", new Cadence(null, 14), Visibility.TEAM, now), now));
		UUID interactionId = UUID.randomUUID();
		InteractionLogged good = InteractionLogged.of(interactionId, team, owner,
				interaction(List.of(contactId), now, "After the poison", List.of()), now);
		String notJson = "{\"eventId\": not json";
		ObjectNode noParticipants = (ObjectNode) ApiClient.json(codec.toJson(good));
		((ObjectNode) noParticipants.get("interaction")).putArray("participantIds");
		double poisonBefore = poisonCount("reminders.interactions");

		RecordMetadata first = feed.sendRaw(Topics.INTERACTIONS, interactionId.toString(), "InteractionLogged",
				notJson.getBytes(StandardCharsets.UTF_8));
		RecordMetadata second = feed.sendRaw(Topics.INTERACTIONS, interactionId.toString(), "InteractionLogged",
				noParticipants.toString().getBytes(StandardCharsets.UTF_8));
		RecordMetadata next = feed.send(good);

		assertThat(List.of(second.partition(), next.partition())).as("same key, same partition")
			.containsOnly(first.partition());
		Awaitility.await().atMost(WAIT).until(() -> interactionCount(contactId) == 1);
		assertThat(processed(good.eventId())).isTrue();

		List<Message> dead = awaitDeadLetters(Topics.INTERACTIONS, interactionId, 2);
		assertThat(dead).extracting(Message::value).containsExactly(notJson, noParticipants.toString());
		assertThat(dead).allSatisfy(record -> {
			assertThat(record.type()).isEqualTo("InteractionLogged");
			assertThat(record.partition()).as("same partition as the original").isEqualTo(first.partition());
			assertThat(header(record, "original-topic")).isEqualTo(Topics.INTERACTIONS);
			assertThat(header(record, "exception-message")).contains("Unreadable InteractionLogged");
		});
		assertThat(header(dead.get(1), "exception-message")).contains("participantIds");
		assertThat(poisonCount("reminders.interactions") - poisonBefore).as("poison is not retried").isEqualTo(2.0);
	}

	@Test
	void aContactRecordWithoutATypeHeaderGoesToTheDeadLetterTopicAndItsPartitionFlowsOn() {
		Instant now = clock.instant();
		UUID contactId = UUID.randomUUID();
		ContactCreated created = ContactCreated.of(contactId, team, owner,
				contact("Grace", new Cadence(null, 14), Visibility.TEAM, now), now);
		double poisonBefore = poisonCount("reminders.contacts");

		RecordMetadata untyped = feed.sendRaw(Topics.CONTACTS, contactId.toString(), null, codec.serialize(created));
		RecordMetadata typed = feed.send(created);

		assertThat(typed.partition()).as("same key, same partition").isEqualTo(untyped.partition());
		Awaitility.await().atMost(WAIT).until(() -> known(contactId));
		assertThat(processed(created.eventId())).as("the typed copy is applied: the untyped one never was").isTrue();

		Message dead = awaitDeadLetters(Topics.CONTACTS, contactId, 1).getFirst();
		assertThat(dead.value()).isEqualTo(codec.toJson(created));
		assertThat(dead.type()).isNull();
		assertThat(header(dead, "original-topic")).isEqualTo(Topics.CONTACTS);
		assertThat(header(dead, "exception-message")).contains("without a " + CloudEventHeaders.TYPE + " or " + Topics.EVENT_TYPE_HEADER + " header");
		assertThat(poisonCount("reminders.contacts") - poisonBefore).as("poison is not retried").isEqualTo(1.0);
	}

	private List<Message> awaitDeadLetters(String topic, UUID key, int count) {
		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.deadLetter(topic))) {
			return reader.awaitMessages(m -> key.toString().equals(m.key()), received -> received.size() >= count, WAIT);
		}
	}

	/** The dead-letter header whose name ends with {@code suffix} (the prefix is spring-kafka's). */
	private static String header(Message message, String suffix) {
		List<String> values = message.headers()
			.entrySet()
			.stream()
			.filter(header -> header.getKey().endsWith(suffix))
			.map(Map.Entry::getValue)
			.toList();
		assertThat(values).as("header *%s among %s", suffix, message.headers().keySet()).hasSize(1);
		return values.getFirst();
	}

	private double poisonCount(String consumer) {
		return meters.counter("rapport.events.consumed", "consumer", consumer, "type", "unreadable", "outcome", "poison")
			.count();
	}

	private int interactionCount(UUID contactId) {
		return jdbc.sql("select coalesce(max(interaction_count), 0) from relationship where contact_id = :id")
			.param("id", contactId)
			.query(Integer.class)
			.single();
	}

	private boolean known(UUID contactId) {
		return jdbc.sql("select exists (select 1 from relationship where contact_id = :id and known)")
			.param("id", contactId)
			.query(Boolean.class)
			.single();
	}

	private boolean processed(UUID eventId) {
		return jdbc.sql("select exists (select 1 from processed_event where event_id = :id)")
			.param("id", eventId)
			.query(Boolean.class)
			.single();
	}

}
