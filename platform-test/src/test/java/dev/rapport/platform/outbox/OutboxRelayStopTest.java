package dev.rapport.platform.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.rapport.events.ContactArchived;
import dev.rapport.events.EventCodec;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TopicReader;
import dev.rapport.platform.test.TopicReader.Message;
import dev.rapport.platform.test.app.PlatformServiceTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A relay stopped (a redeploy, a second instance scaled down) while the broker has not yet acknowledged what it sent
 * waits for the answer and marks the row published, so the relay that takes over sends nothing twice. The answer is
 * held back for real: the record's topic does not exist yet, so the relay's producer waits for its metadata (up to
 * {@code send-timeout}) and the test creates the topic only once the relay is stopping. The context is this class's
 * own (a longer {@code send-timeout}, which is also how long a stopped relay keeps waiting; a consumer group of its
 * own), so stopping its relay disturbs no other test.
 */
@PlatformServiceTest
@TestPropertySource(properties = { "rapport.outbox.send-timeout=60s",
		"spring.cloud.stream.bindings.contactEvents-in-0.group=platform-test-relay-stop" })
class OutboxRelayStopTest {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@Autowired
	OutboxRelay relay;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aStoppedRelayWaitsForTheAnswersToWhatItSentSoTheNextRelaySendsNothingTwice() throws Exception {
		String topic = "rapport.test.relay-stop." + UUID.randomUUID();
		ContactArchived event = ContactArchived.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
				Instant.now());
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestInfrastructure.kafkaBootstrapServers()))) {
			OffsetDateTime inserted = insertRow(topic, event);
			relay.wakeUp();
			Awaitility.await("the relay in a round that read the row, sending it")
				.atMost(PATIENCE)
				.until(() -> sending(inserted));

			CompletableFuture<Void> stopping = CompletableFuture.runAsync(relay::stop);
			try {
				Awaitility.await().atMost(PATIENCE).until(() -> !relay.isRunning());
				admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
				stopping.get();
				assertThat(jdbc.sql("select published_at is not null from outbox_event where event_id = :id")
					.param("id", event.eventId())
					.query(Boolean.class)
					.single()).as("marked published by the relay that sent it, before it stopped").isTrue();
			}
			finally {
				if (!admin.listTopics().names().get().contains(topic)) {
					admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
				}
				stopping.get();
				relay.start();
			}
		}

		// The relay taking over (here the same one, started again) finds nothing left to send.
		relay.wakeUp();
		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), topic)) {
			reader.awaitMessages(message -> true, received -> !received.isEmpty(), PATIENCE);
			assertThat(reader.messagesWithin(message -> true, Duration.ofSeconds(2)))
				.extracting(Message::key)
				.as("the event once on the topic")
				.containsExactly(event.key());
		}
	}

	/**
	 * An outbox row for {@code topic}, as {@link Outbox#publish} writes one for an event's own topic; returns the
	 * database's time just after it committed.
	 */
	private OffsetDateTime insertRow(String topic, ContactArchived event) {
		jdbc.sql("""
				insert into outbox_event (event_id, topic, record_key, event_type, payload, headers)
				values (:eventId, :topic, :key, :type, :payload, '{}'::jsonb)
				""")
			.param("eventId", event.eventId())
			.param("topic", topic)
			.param("key", event.key())
			.param("type", event.type())
			.param("payload", new EventCodec().toJson(event))
			.update();
		return jdbc.sql("select clock_timestamp()").query(OffsetDateTime.class).single();
	}

	/**
	 * Whether the relay is in a round that began after {@code inserted} (so it read the row) and is between its
	 * statements: sending, or waiting for the broker.
	 */
	private boolean sending(OffsetDateTime inserted) {
		return jdbc.sql("""
				select count(*) from pg_stat_activity
				where datname = current_database() and state = 'idle in transaction' and xact_start > :inserted
				and query like '%from outbox_event where published_at is null%'
				""").param("inserted", inserted).query(Long.class).single() > 0;
	}

}
