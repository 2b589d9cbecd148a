package dev.rapport.contacts;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import dev.rapport.events.Topics;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ApiClient.Response;
import dev.rapport.platform.test.TestApps;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TestInfrastructure.TestDatabase;
import dev.rapport.platform.test.TestTokens;
import dev.rapport.platform.test.TopicReader;
import dev.rapport.platform.test.TopicReader.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write the API acknowledged is never lost: not when the broker is down at that moment, not when the service
 * dies between the commit and the publish. Each case runs the real service against a real broker and database.
 */
class OutboxFaultTest {

	@Test
	void anEventWrittenWhileTheBrokerIsDownArrivesOnceItIsBack() throws Exception {
		int brokerPort = freePort();
		String bootstrap = "127.0.0.1:" + brokerPort;
		try (TestDatabase database = TestInfrastructure.newDatabase();
				ConfigurableApplicationContext service = TestApps.start(ContactsApplication.class, database,
						bootstrap, "rapport.outbox.send-timeout=2s", "rapport.outbox.max-backoff=1s")) {
			ApiClient api = new ApiClient(TestApps.port(service));
			String token = TestTokens.token(UUID.randomUUID(), UUID.randomUUID());

			Response created = api.post("/api/contacts", token, "{\"displayName\": \"Written during an outage\"}");

			assertThat(created.status()).as("the API answers while the broker is down").isEqualTo(201);
			String id = created.json().get("id").asString();
			JdbcClient jdbc = service.getBean(JdbcClient.class);
			assertThat(pending(jdbc)).as("ContactCreated and her ContactState").isEqualTo(2);
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.alias("the relay tries, and fails, while the broker is down")
				.until(() -> jdbc.sql("select attempts from outbox_event order by id limit 1").query(Integer.class)
					.single() > 0);
			assertThat(pending(jdbc)).isEqualTo(2);

			EmbeddedKafkaKraftBroker broker = TestInfrastructure.startBrokerOnPort(brokerPort);
			try {
				TestInfrastructure.createTopics(bootstrap);
				try (TopicReader reader = new TopicReader(bootstrap, Topics.CONTACTS)) {
					List<Message> events = reader.awaitMessages(message -> id.equals(message.key()),
							received -> !received.isEmpty(), Duration.ofSeconds(60));
					assertThat(events).extracting(Message::type).containsExactly("ContactCreated");
				}
				Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pending(jdbc) == 0);
			}
			finally {
				broker.destroy();
			}
		}
	}

	@Test
	void anEventCommittedByAServiceThatDiedBeforePublishingIsPublishedAfterRestart() {
		String bootstrap = TestInfrastructure.kafkaBootstrapServers();
		String token = TestTokens.token(UUID.randomUUID(), UUID.randomUUID());
		try (TestDatabase database = TestInfrastructure.newDatabase();
				TopicReader reader = new TopicReader(bootstrap, Topics.CONTACTS)) {
			String id;
			// The first instance commits and dies before its relay runs: what a kill between commit and publish leaves.
			try (ConfigurableApplicationContext dying = TestApps.start(ContactsApplication.class, database, bootstrap,
					"rapport.outbox.relay-enabled=false")) {
				Response created = new ApiClient(TestApps.port(dying)).post("/api/contacts", token,
						"{\"displayName\": \"Committed before the crash\"}");
				assertThat(created.status()).isEqualTo(201);
				id = created.json().get("id").asString();
			}
			assertThat(reader.messagesWithin(message -> id.equals(message.key()), Duration.ofSeconds(1))).isEmpty();

			try (ConfigurableApplicationContext restarted = TestApps.start(ContactsApplication.class, database,
					bootstrap)) {
				List<Message> events = reader.awaitMessages(message -> id.equals(message.key()),
						received -> !received.isEmpty(), Duration.ofSeconds(30));
				assertThat(events).extracting(Message::type).containsExactly("ContactCreated");
				JdbcClient jdbc = restarted.getBean(JdbcClient.class);
				Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pending(jdbc) == 0);
			}
		}
	}

	private static long pending(JdbcClient jdbc) {
		return jdbc.sql("select count(*) from outbox_event where published_at is null").query(Long.class).single();
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
