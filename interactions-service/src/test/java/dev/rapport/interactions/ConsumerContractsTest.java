package dev.rapport.interactions;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.Topics;
import dev.rapport.interactions.contact.ContactReplicaRepository;
import dev.rapport.platform.test.ConsumerContracts;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TopicReader;
import dev.rapport.platform.test.TopicReader.Message;

/**
 * The interaction events this service really publishes (through its API, outbox and broker) carry every field the
 * consumers of {@code rapport.interactions.v1} in this repository pinned (reminders-service): a change here that
 * drops or retypes one fails here, naming consumer and field.
 */
@ServiceIntegrationTest
class ConsumerContractsTest {

	@LocalServerPort
	int port;

	@Autowired
	ContactReplicaRepository replicas;

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyInteractionEventHonoursWhatItsConsumersPinned() {
		InteractionLifecycle walked = InteractionLifecycle.walk(port, replicas, jdbc);

		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.INTERACTIONS)) {
			List<Message> events = reader.awaitMessages(message -> walked.id().equals(message.key()),
					received -> received.size() >= InteractionLifecycle.CHANGES, Duration.ofSeconds(60));

			ConsumerContracts.assertHonoured(Topics.INTERACTIONS, events);
		}
	}

}
