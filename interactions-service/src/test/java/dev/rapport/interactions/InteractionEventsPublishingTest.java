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

import dev.rapport.events.CloudEventHeaders;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.events.ConversationFact;
import dev.rapport.events.EventCodec;
import dev.rapport.events.FollowUpCompleted;
import dev.rapport.events.InteractionDeleted;
import dev.rapport.events.InteractionLogged;
import dev.rapport.events.InteractionState;
import dev.rapport.events.InteractionUpdated;
import dev.rapport.events.Topics;
import dev.rapport.interactions.contact.ContactReplicaRepository;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TestTokens;
import dev.rapport.platform.test.TopicReader;
import dev.rapport.platform.test.TopicReader.Message;

import static dev.rapport.interactions.Interactions.coffee;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every change reaches {@code rapport.interactions.v1} as its event, keyed by interaction id, in order, readable by
 * the published codec, and without the author's notes or what they learned; the interaction's state and its
 * text-free analytics fact follow every change, and its deletion leaves a tombstone on both compacted topics.
 */
@ServiceIntegrationTest
class InteractionEventsPublishingTest {

	@LocalServerPort
	int port;

	@Autowired
	ContactReplicaRepository replicas;

	@Autowired
	JdbcClient jdbc;

	@Test
	void eachChangePublishesItsEventInOrder() {
		ApiClient api = new ApiClient(port);
		UUID team = UUID.randomUUID();
		UUID user = UUID.randomUUID();
		String token = TestTokens.token(user, team);
		UUID ada;
		try (ContactFeed feed = new ContactFeed(replicas, jdbc)) {
			ada = feed.contact(team, user, Visibility.TEAM);
		}
		JsonNode created = api.post("/api/interactions", token, coffee(ada)).json();
		String id = created.get("id").asString();
		String followUp = created.at("/followUps/0/id").asString();
		api.patch("/api/interactions/" + id, token, "{\"summary\": \"Mostly Turin\"}", Map.of());
		api.patch("/api/interactions/" + id, token, "{\"summary\": \"Mostly Turin\"}", Map.of()); // no-op: no event
		api.post("/api/interactions/%s/follow-ups/%s/complete".formatted(id, followUp), token, null);
		api.post("/api/interactions/%s/follow-ups/%s/complete".formatted(id, followUp), token, null); // no-op
		api.post("/api/interactions/%s/follow-ups/%s/reopen".formatted(id, followUp), token, null);
		api.delete("/api/interactions/" + id, token);
		api.post("/api/interactions", token, coffee(UUID.randomUUID())); // refused: publishes nothing

		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.INTERACTIONS)) {
			List<Message> events = reader.awaitMessages(message -> message.value().contains(team.toString()),
					received -> received.size() >= 5, Duration.ofSeconds(60));

			assertThat(events).extracting(Message::type)
				.containsExactly("InteractionLogged", "InteractionUpdated", "FollowUpCompleted", "FollowUpReopened",
						"InteractionDeleted");
			assertThat(events).extracting(Message::key).containsOnly(id);
			assertThat(events).extracting(Message::partition).containsOnly(events.getFirst().partition());

			EventCodec codec = new EventCodec();
			InteractionLogged logged = (InteractionLogged) codec.fromJson("InteractionLogged", events.get(0).value());
			assertThat(logged.interactionId()).hasToString(id);
			assertThat(logged.teamId()).isEqualTo(team);
			assertThat(logged.authorId()).isEqualTo(user);
			assertThat(logged.interaction().participantIds()).containsExactly(ada);
			assertThat(logged.interaction().questions()).containsExactly("How did the first week in Turin go?");
			assertThat(logged.interaction().followUps()).hasSize(2);
			assertThat(logged.interaction().summary()).isEqualTo("Talked about her move to Turin");
			assertThat(logged.interaction().version()).isEqualTo(1);
			assertThat(events.get(0).value()).as("notes and learnings never leave the service")
				.doesNotContain("Seemed tired")
				.doesNotContain("daughter starts university");
			InteractionUpdated updated = (InteractionUpdated) codec.fromJson("InteractionUpdated", events.get(1).value());
			assertThat(updated.changedFields()).containsExactly("summary");
			assertThat(updated.interaction().version()).isEqualTo(2);
			FollowUpCompleted completed = (FollowUpCompleted) codec.fromJson("FollowUpCompleted", events.get(2).value());
			assertThat(completed.followUpId()).hasToString(followUp);
			assertThat(completed.participantIds()).containsExactly(ada);
			InteractionDeleted deleted = (InteractionDeleted) codec.fromJson("InteractionDeleted", events.get(4).value());
			assertThat(deleted.participantIds()).containsExactly(ada);
			assertThat(reader.messagesWithin(message -> message.value().contains(team.toString()), Duration.ofMillis(500)))
				.as("no-ops and refused requests published nothing")
				.hasSize(5);
		}
	}

	@Test
	void eachChangePublishesTheInteractionsStateAndItsDeletionATombstone() {
		ApiClient api = new ApiClient(port);
		UUID team = UUID.randomUUID();
		UUID user = UUID.randomUUID();
		String token = TestTokens.token(user, team);
		UUID ada;
		try (ContactFeed feed = new ContactFeed(replicas, jdbc)) {
			ada = feed.contact(team, user, Visibility.TEAM);
		}
		JsonNode created = api.post("/api/interactions", token, coffee(ada)).json();
		String id = created.get("id").asString();
		String followUp = created.at("/followUps/0/id").asString();
		api.patch("/api/interactions/" + id, token, "{\"summary\": \"Mostly Turin\"}", Map.of());
		api.post("/api/interactions/%s/follow-ups/%s/complete".formatted(id, followUp), token, null);
		api.post("/api/interactions/%s/follow-ups/%s/reopen".formatted(id, followUp), token, null);
		api.delete("/api/interactions/" + id, token);

		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.INTERACTIONS_STATE)) {
			List<Message> records = reader.awaitMessages(message -> id.equals(message.key()),
					received -> received.size() >= 5, Duration.ofSeconds(60));

			assertThat(records).extracting(Message::type).containsOnly("InteractionState").hasSize(5);
			assertThat(records).extracting(Message::partition).containsOnly(records.getFirst().partition());
			EventCodec codec = new EventCodec();
			List<InteractionState> states = records.subList(0, 4).stream()
				.map(record -> (InteractionState) codec.fromJson("InteractionState", record.value()))
				.toList();
			assertThat(states).extracting(state -> state.interaction().version()).as("in the order of the changes")
				.startsWith(1L).doesNotHaveDuplicates().isSorted();
			assertThat(states.getLast().interaction().summary()).isEqualTo("Mostly Turin");
			assertThat(states.getLast().interaction().participantIds()).containsExactly(ada);
			assertThat(records.subList(0, 4)).extracting(Message::value).as("notes never leave the service")
				.noneMatch(value -> value.contains("Seemed tired"));
			assertThat(records.getLast().value()).as("the deletion: a tombstone").isNull();
		}
	}

	@Test
	void eachChangePublishesTheConversationsFactWithoutTextAndItsDeletionATombstone() {
		ApiClient api = new ApiClient(port);
		UUID team = UUID.randomUUID();
		UUID user = UUID.randomUUID();
		String token = TestTokens.token(user, team);
		UUID ada;
		try (ContactFeed feed = new ContactFeed(replicas, jdbc)) {
			ada = feed.contact(team, user, Visibility.TEAM);
		}
		JsonNode created = api.post("/api/interactions", token, coffee(ada)).json();
		String id = created.get("id").asString();
		String followUp = created.at("/followUps/0/id").asString();
		api.patch("/api/interactions/" + id, token, "{\"summary\": \"Mostly Turin\"}", Map.of());
		api.patch("/api/interactions/" + id, token, "{\"summary\": \"Mostly Turin\"}", Map.of()); // no-op: no fact
		api.post("/api/interactions/%s/follow-ups/%s/complete".formatted(id, followUp), token, null);
		api.post("/api/interactions/%s/follow-ups/%s/reopen".formatted(id, followUp), token, null);
		api.delete("/api/interactions/" + id, token);

		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(),
				Topics.ANALYTICS_CONVERSATIONS)) {
			List<Message> records = reader.awaitMessages(message -> id.equals(message.key()),
					received -> received.size() >= 5, Duration.ofSeconds(60));

			assertThat(records).extracting(Message::type).containsOnly("ConversationFact").hasSize(5);
			assertThat(records).extracting(Message::partition).containsOnly(records.getFirst().partition());
			EventCodec codec = new EventCodec();
			List<ConversationFact> facts = records.subList(0, 4).stream()
				.map(record -> (ConversationFact) codec.fromJson("ConversationFact", record.value()))
				.toList();
			assertThat(facts).extracting(ConversationFact::version).as("one per change, in the order of the changes")
				.startsWith(1L).doesNotHaveDuplicates().isSorted();
			assertThat(facts).extracting(ConversationFact::teamId).containsOnly(team);
			assertThat(facts).extracting(ConversationFact::authorId).containsOnly(user);
			assertThat(facts.getFirst().contactIds()).containsExactly(ada);
			assertThat(facts.getFirst().followUps()).hasSize(2);
			assertThat(facts.get(2).followUps().getFirst().completedAt()).as("after the follow-up was done").isNotNull();
			assertThat(facts.get(3).followUps().getFirst().completedAt()).as("reopened").isNull();
			assertThat(records.subList(0, 4)).extracting(Message::value).as("no text reaches the analytics tier")
				.allSatisfy(value -> assertThat(value).doesNotContain("Turin", "Café de Flore", "Seemed tired",
						"daughter", "first week", "book recommendation", "Intro to her colleague"));
			Message tombstone = records.getLast();
			assertThat(tombstone.value()).as("the deletion: a tombstone").isNull();
			assertThat(tombstone.headers().get(CloudEventHeaders.TYPE)).isEqualTo("dev.rapport.ConversationFact");
			assertThat(reader.messagesWithin(message -> id.equals(message.key()), Duration.ofMillis(500)))
				.as("the no-op published nothing")
				.hasSize(5);
		}
	}

}
