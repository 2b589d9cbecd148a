package dev.rapport.platform.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.events.CloudEventHeaders;
import dev.rapport.events.ContactArchived;
import dev.rapport.events.ContactSnapshot;
import dev.rapport.events.ContactState;
import dev.rapport.events.EventCodec;
import dev.rapport.events.RapportEvent;
import dev.rapport.events.Topics;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TopicReader;
import dev.rapport.platform.test.TopicReader.Message;
import dev.rapport.platform.test.app.PlatformServiceTest;
import dev.rapport.platform.test.app.PlatformTestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every record the relay sends is a CloudEvent in binary mode on the real broker: exactly the envelope's headers with
 * their values, the payload byte for byte as the codec wrote it, the type header and trace headers kept; rows written
 * to the outbox before the envelope existed are sent with it too.
 */
@PlatformServiceTest
class OutboxRelayCloudEventsTest {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private final EventCodec codec = new EventCodec();

	@Autowired
	Outbox outbox;

	@Autowired
	OutboxRelay relay;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPublishedEventIsSentAsACloudEventWithItsPayloadUnchanged() {
		ContactArchived event = event();

		transactions.executeWithoutResult(status -> outbox.publish(event));

		Message record = awaitRecord(event);
		assertThat(record.headers()).containsOnlyKeys(expectedHeaderNames(false));
		assertEnvelope(record, event);
		assertThat(record.value()).isEqualTo(codec.toJson(event));
	}

	@Test
	void aRowWrittenBeforeTheEnvelopeExistedIsSentWithItAndKeepsItsTraceHeaders() {
		ContactArchived event = event();
		// What Outbox.publish wrote before records carried CloudEvents headers: the columns and the trace context.
		jdbc.sql("""
				insert into outbox_event (event_id, topic, record_key, event_type, payload, headers)
				values (:eventId, :topic, :key, :type, :payload, cast(:headers as jsonb))
				""")
			.param("eventId", event.eventId())
			.param("topic", Topics.of(event))
			.param("key", event.key())
			.param("type", event.type())
			.param("payload", codec.toJson(event))
			.param("headers", "{\"traceparent\": \"00-" + TRACE_ID + "-00f067aa0ba902b7-01\"}")
			.update();
		relay.wakeUp();

		Message record = awaitRecord(event);
		assertThat(record.headers()).containsOnlyKeys(expectedHeaderNames(true));
		assertEnvelope(record, event);
		assertThat(record.headers().get("traceparent")).as("the same trace, whichever span sent it")
			.startsWith("00-" + TRACE_ID + "-");
		assertThat(record.value()).isEqualTo(codec.toJson(event));
	}

	@Test
	void aTombstoneIsSentAfterTheStateBeforeItWithANullValueAndAnEnvelopeWithoutData() {
		ContactState state = ContactState.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
				new ContactSnapshot("Ada Lovelace", null, null, null, null, null, null, null, null, null, null, null,
						null, null, ContactSnapshot.Visibility.TEAM, false, 1, Instant.now(), Instant.now()),
				Instant.now());

		transactions.executeWithoutResult(status -> {
			outbox.publish(state);
			outbox.publishTombstone(Topics.CONTACTS_STATE, state.key(), "ContactState");
		});

		List<Message> records;
		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.CONTACTS_STATE)) {
			records = reader.awaitMessages(message -> state.key().equals(message.key()), received -> received.size() >= 2,
					PATIENCE);
		}
		assertThat(records).extracting(Message::value).hasSize(2).first().isEqualTo(codec.toJson(state));
		Message tombstone = records.get(1);
		assertThat(tombstone.value()).as("a tombstone: what compaction erases the key by").isNull();
		assertThat(tombstone.partition()).isEqualTo(records.getFirst().partition());
		assertThat(tombstone.headers()).containsOnlyKeys(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.ID,
				CloudEventHeaders.TYPE, CloudEventHeaders.SOURCE, CloudEventHeaders.TIME, CloudEventHeaders.SUBJECT,
				Topics.EVENT_TYPE_HEADER)
			.containsEntry(CloudEventHeaders.TYPE, "dev.rapport.ContactState")
			.containsEntry(CloudEventHeaders.SUBJECT, state.key())
			.containsEntry(Topics.EVENT_TYPE_HEADER, "ContactState");
		assertThat(jdbc.sql("select count(*) from outbox_event where payload is null and published_at is not null")
			.query(Long.class).single()).isPositive();
	}

	@Test
	void tombstonesGoOnlyOnStateTopics() {
		assertThatThrownBy(() -> transactions.executeWithoutResult(
				status -> outbox.publishTombstone(Topics.CONTACTS, UUID.randomUUID().toString(), "ContactState")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining(Topics.CONTACTS_STATE);
	}

	private static void assertEnvelope(Message record, RapportEvent event) {
		Map<String, String> headers = record.headers();
		assertThat(headers).containsEntry(CloudEventHeaders.SPEC_VERSION, "1.0")
			.containsEntry(CloudEventHeaders.ID, event.eventId().toString())
			.containsEntry(CloudEventHeaders.TYPE, "dev.rapport.ContactArchived")
			.containsEntry(CloudEventHeaders.SOURCE, "/rapport/" + PlatformTestApplication.NAME)
			.containsEntry(CloudEventHeaders.SUBJECT, event.key())
			.containsEntry(CloudEventHeaders.DATA_SCHEMA, "urn:rapport:event:ContactArchived")
			.containsEntry(CloudEventHeaders.CONTENT_TYPE, "application/json")
			.containsEntry(Topics.EVENT_TYPE_HEADER, "ContactArchived");
		// RFC 3339: an offset is required, which Instant.parse alone would not check.
		assertThat(OffsetDateTime.parse(headers.get(CloudEventHeaders.TIME)).toInstant()).isEqualTo(event.occurredAt());
	}

	private static String[] expectedHeaderNames(boolean traced) {
		List<String> names = new ArrayList<>(CloudEventHeaders.ALL);
		names.add(Topics.EVENT_TYPE_HEADER);
		if (traced) {
			names.add("traceparent");
		}
		return names.toArray(String[]::new);
	}

	private static ContactArchived event() {
		return ContactArchived.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
				Instant.parse("2026-11-02T10:15:30.123456Z"));
	}

	private static Message awaitRecord(RapportEvent event) {
		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.of(event))) {
			return reader.awaitMessages(message -> event.key().equals(message.key()), received -> !received.isEmpty(),
					PATIENCE).getFirst();
		}
	}

}
