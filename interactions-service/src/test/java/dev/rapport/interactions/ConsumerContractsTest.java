package dev.rapport.interactions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.events.Topics;
import dev.rapport.interactions.contact.ContactReplicaRepository;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ConsumerContracts;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TestTokens;
import dev.rapport.platform.test.TopicReader;
import dev.rapport.platform.test.TopicReader.Message;

import static dev.rapport.interactions.Interactions.coffee;

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
		ApiClient api = new ApiClient(port);
		UUID team = UUID.randomUUID();
		UUID user = UUID.randomUUID();
		String token = TestTokens.token(user, team);
		UUID ada;
		try (ContactFeed feed = new ContactFeed(replicas, jdbc)) {
			ada = feed.contact(team, user, Visibility.TEAM);
		}
		// A coffee with a follow-up of each kind; theirs done, so the edit carries a completed one too.
		JsonNode logged = api.post("/api/interactions", token, coffee(ada)).json();
		String id = logged.get("id").asString();
		String mine = logged.at("/followUps/0/id").asString();
		String theirs = logged.at("/followUps/1/id").asString();
		api.post("/api/interactions/%s/follow-ups/%s/complete".formatted(id, theirs), token, null);
		api.patch("/api/interactions/" + id, token, "{\"summary\": \"Mostly Turin\"}", Map.of());
		api.post("/api/interactions/%s/follow-ups/%s/complete".formatted(id, mine), token, null);
		api.post("/api/interactions/%s/follow-ups/%s/reopen".formatted(id, mine), token, null);
		api.delete("/api/interactions/" + id, token);

		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.INTERACTIONS)) {
			List<Message> events = reader.awaitMessages(message -> message.value().contains(team.toString()),
					received -> received.size() >= 6, Duration.ofSeconds(60));

			ConsumerContracts.assertHonoured(Topics.INTERACTIONS, events);
		}
	}

}
