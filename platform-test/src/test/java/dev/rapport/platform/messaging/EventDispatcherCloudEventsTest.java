package dev.rapport.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.CloudEventHeaders;
import dev.rapport.events.ContactArchived;
import dev.rapport.events.EventCodec;
import dev.rapport.events.Topics;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TopicReader;
import dev.rapport.platform.test.TopicReader.Message;
import dev.rapport.platform.test.TopicWriter;
import dev.rapport.platform.test.app.PlatformServiceTest;
import dev.rapport.platform.test.app.PlatformTestApplication.HandledEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher reads records through their CloudEvents headers on the real broker (type from {@code ce_type}, once
 * per {@code ce_id}), still reads records written before them (only the type header), and sends a record with
 * neither to the dead-letter topic.
 */
@PlatformServiceTest
class EventDispatcherCloudEventsTest {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private final EventCodec codec = new EventCodec();

	private final TopicWriter writer = new TopicWriter();

	private final UUID team = UUID.randomUUID();

	private final UUID owner = UUID.randomUUID();

	@Autowired
	HandledEvents handled;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void closeWriter() {
		writer.close();
	}

	@Test
	void aRecordWithOnlyCloudEventsHeadersIsAppliedOnce() {
		UUID contact = UUID.randomUUID();
		ContactArchived event = ContactArchived.of(contact, team, owner, Instant.now());
		ProducerRecord<String, byte[]> record = writer.recordOf(event);
		record.headers().remove(Topics.EVENT_TYPE_HEADER);

		writer.send(record);
		writer.send(record);
		awaitMarkerBehind(contact);

		assertThat(handled.count(event.eventId())).isEqualTo(1);
		assertThat(processedType(event.eventId())).isEqualTo("ContactArchived");
	}

	@Test
	void aRecordWrittenBeforeTheCloudEventsHeadersIsStillAppliedOnce() {
		UUID contact = UUID.randomUUID();
		ContactArchived event = ContactArchived.of(contact, team, owner, Instant.now());

		writer.sendRaw(Topics.CONTACTS, event.key(), event.type(), codec.serialize(event));
		writer.sendRaw(Topics.CONTACTS, event.key(), event.type(), codec.serialize(event));
		awaitMarkerBehind(contact);

		assertThat(handled.count(event.eventId())).isEqualTo(1);
		assertThat(processedType(event.eventId())).isEqualTo("ContactArchived");
	}

	@Test
	void theSameEventWithAndWithoutTheEnvelopeIsAppliedOnce() {
		UUID contact = UUID.randomUUID();
		ContactArchived event = ContactArchived.of(contact, team, owner, Instant.now());

		writer.send(event);
		writer.sendRaw(Topics.CONTACTS, event.key(), event.type(), codec.serialize(event));
		awaitMarkerBehind(contact);

		assertThat(handled.count(event.eventId())).isEqualTo(1);
	}

	@Test
	void aRecordWithNeitherTypeHeaderIsPoison() {
		UUID contact = UUID.randomUUID();
		ContactArchived event = ContactArchived.of(contact, team, owner, Instant.now());

		RecordMetadata untyped = writer.sendRaw(Topics.CONTACTS, event.key(), null, codec.serialize(event));
		awaitMarkerBehind(contact);

		assertThat(handled.count(event.eventId())).isZero();
		Message dead = awaitDeadLetter(event.key());
		assertThat(dead.partition()).isEqualTo(untyped.partition());
		assertThat(header(dead, "exception-message"))
			.contains("without a " + CloudEventHeaders.TYPE + " or " + Topics.EVENT_TYPE_HEADER + " header");
	}

	@Test
	void aCloudEventWhoseIdIsNotItsEventIdIsPoison() {
		UUID contact = UUID.randomUUID();
		ContactArchived event = ContactArchived.of(contact, team, owner, Instant.now());
		ProducerRecord<String, byte[]> record = writer.recordOf(event);
		record.headers().remove(CloudEventHeaders.ID);
		record.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));

		writer.send(record);
		awaitMarkerBehind(contact);

		assertThat(handled.count(event.eventId())).isZero();
		Message dead = awaitDeadLetter(event.key());
		assertThat(header(dead, "exception-message")).contains("is not its eventId");
		assertThat(dead.headers()).as("the dead letter is still the CloudEvent, for devstack replay to send back")
			.containsKeys(CloudEventHeaders.ALL.toArray(String[]::new));
	}

	/** A later event on the same key (same partition, behind every record sent before): once applied, all were seen. */
	private void awaitMarkerBehind(UUID contact) {
		ContactArchived marker = ContactArchived.of(contact, team, owner, Instant.now());
		writer.send(marker);
		Awaitility.await().atMost(PATIENCE).until(() -> handled.count(marker.eventId()) == 1);
	}

	private String processedType(UUID eventId) {
		return jdbc.sql("select event_type from processed_event where event_id = :id")
			.param("id", eventId)
			.query(String.class)
			.single();
	}

	private static Message awaitDeadLetter(String key) {
		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(),
				Topics.deadLetter(Topics.CONTACTS))) {
			return reader.awaitMessages(message -> key.equals(message.key()), received -> !received.isEmpty(), PATIENCE)
				.getFirst();
		}
	}

	/** A dead-letter header by the end of its name (its prefix has varied between versions). */
	private static String header(Message message, String nameEnding) {
		return message.headers()
			.entrySet()
			.stream()
			.filter(entry -> entry.getKey().endsWith(nameEnding))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

}
