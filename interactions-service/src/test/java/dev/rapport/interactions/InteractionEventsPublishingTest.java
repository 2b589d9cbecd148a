package dev.rapport.interactions;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.CloudEventHeaders;
import dev.rapport.events.ConversationFact;
import dev.rapport.events.EventCodec;
import dev.rapport.events.FollowUpCompleted;
import dev.rapport.events.InteractionDeleted;
import dev.rapport.events.InteractionLogged;
import dev.rapport.events.InteractionState;
import dev.rapport.events.InteractionUpdated;
import dev.rapport.events.Topics;
import dev.rapport.interactions.contact.ContactReplicaRepository;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TopicReader;
import dev.rapport.platform.test.TopicReader.Message;

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
		InteractionLifecycle walked = InteractionLifecycle.walk(port, replicas, jdbc);
		String id = walked.id();

		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.INTERACTIONS)) {
			List<Message> events = reader.awaitMessages(message -> id.equals(message.key()),
					received -> received.size() >= InteractionLifecycle.CHANGES, Duration.ofSeconds(60));

			assertThat(events).extracting(Message::type)
				.containsExactly("InteractionLogged", "FollowUpCompleted", "InteractionUpdated", "FollowUpCompleted",
						"FollowUpReopened", "InteractionDeleted");
			assertThat(events).extracting(Message::key).containsOnly(id);
			assertThat(events).extracting(Message::partition).containsOnly(events.getFirst().partition());

			EventCodec codec = new EventCodec();
			InteractionLogged logged = (InteractionLogged) codec.fromJson("InteractionLogged", events.get(0).value());
			assertThat(logged.interactionId()).hasToString(id);
			assertThat(logged.teamId()).isEqualTo(walked.team());
			assertThat(logged.authorId()).isEqualTo(walked.author());
			assertThat(logged.interaction().participantIds()).containsExactly(walked.contact());
			assertThat(logged.interaction().questions()).containsExactly("How did the first week in Turin go?");
			assertThat(logged.interaction().followUps()).hasSize(2);
			assertThat(logged.interaction().summary()).isEqualTo("Talked about her move to Turin");
			assertThat(logged.interaction().version()).isEqualTo(1);
			assertThat(events.get(0).value()).as("notes and learnings never leave the service")
				.doesNotContain("Seemed tired")
				.doesNotContain("daughter starts university");
			InteractionUpdated updated = (InteractionUpdated) codec.fromJson("InteractionUpdated", events.get(2).value());
			assertThat(updated.changedFields()).containsExactly("summary");
			assertThat(updated.interaction().version()).isEqualTo(3);
			FollowUpCompleted completed = (FollowUpCompleted) codec.fromJson("FollowUpCompleted", events.get(3).value());
			assertThat(completed.followUpId()).hasToString(walked.mine());
			assertThat(completed.participantIds()).containsExactly(walked.contact());
			InteractionDeleted deleted = (InteractionDeleted) codec.fromJson("InteractionDeleted", events.get(5).value());
			assertThat(deleted.participantIds()).containsExactly(walked.contact());
			assertThat(reader.messagesWithin(message -> message.value().contains(walked.team().toString()),
					Duration.ofMillis(500)))
				.as("no-ops and refused requests published nothing")
				.hasSize(InteractionLifecycle.CHANGES);
		}
	}

	@Test
	void eachChangePublishesTheInteractionsStateAndItsDeletionATombstone() {
		InteractionLifecycle walked = InteractionLifecycle.walk(port, replicas, jdbc);
		String id = walked.id();

		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.INTERACTIONS_STATE)) {
			List<Message> records = reader.awaitMessages(message -> id.equals(message.key()),
					received -> received.size() >= InteractionLifecycle.CHANGES, Duration.ofSeconds(60));

			assertThat(records).extracting(Message::type).containsOnly("InteractionState")
				.hasSize(InteractionLifecycle.CHANGES);
			assertThat(records).extracting(Message::partition).containsOnly(records.getFirst().partition());
			EventCodec codec = new EventCodec();
			List<Message> changes = records.subList(0, InteractionLifecycle.CHANGES - 1);
			List<InteractionState> states = changes.stream()
				.map(record -> (InteractionState) codec.fromJson("InteractionState", record.value()))
				.toList();
			assertThat(states).extracting(state -> state.interaction().version()).as("in the order of the changes")
				.startsWith(1L).doesNotHaveDuplicates().isSorted();
			assertThat(states.getLast().interaction().summary()).isEqualTo("Mostly Turin");
			assertThat(states.getLast().interaction().participantIds()).containsExactly(walked.contact());
			assertThat(changes).extracting(Message::value).as("notes never leave the service")
				.noneMatch(value -> value.contains("Seemed tired"));
			assertThat(records.getLast().value()).as("the deletion: a tombstone").isNull();
		}
	}

	@Test
	void eachChangePublishesTheConversationsFactWithoutTextAndItsDeletionATombstone() {
		InteractionLifecycle walked = InteractionLifecycle.walk(port, replicas, jdbc);
		String id = walked.id();

		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(),
				Topics.ANALYTICS_CONVERSATIONS)) {
			List<Message> records = reader.awaitMessages(message -> id.equals(message.key()),
					received -> received.size() >= InteractionLifecycle.CHANGES, Duration.ofSeconds(60));

			assertThat(records).extracting(Message::type).containsOnly("ConversationFact")
				.hasSize(InteractionLifecycle.CHANGES);
			assertThat(records).extracting(Message::partition).containsOnly(records.getFirst().partition());
			EventCodec codec = new EventCodec();
			List<Message> changes = records.subList(0, InteractionLifecycle.CHANGES - 1);
			List<ConversationFact> facts = changes.stream()
				.map(record -> (ConversationFact) codec.fromJson("ConversationFact", record.value()))
				.toList();
			assertThat(facts).extracting(ConversationFact::version).as("one per change, in the order of the changes")
				.startsWith(1L).doesNotHaveDuplicates().isSorted();
			assertThat(facts).extracting(ConversationFact::teamId).containsOnly(walked.team());
			assertThat(facts).extracting(ConversationFact::authorId).containsOnly(walked.author());
			assertThat(facts.getFirst().contactIds()).containsExactly(walked.contact());
			assertThat(facts.getFirst().followUps()).hasSize(2);
			assertThat(facts.get(3).followUps().getFirst().completedAt()).as("after the follow-up was done").isNotNull();
			assertThat(facts.get(4).followUps().getFirst().completedAt()).as("reopened").isNull();
			assertThat(changes).extracting(Message::value).as("no text reaches the analytics tier")
				.allSatisfy(value -> assertThat(value).doesNotContain("Turin", "Café de Flore", "Seemed tired",
						"daughter", "first week", "book recommendation", "Intro to her colleague"));
			Message tombstone = records.getLast();
			assertThat(tombstone.value()).as("the deletion: a tombstone").isNull();
			assertThat(tombstone.headers().get(CloudEventHeaders.TYPE)).isEqualTo("dev.rapport.ConversationFact");
			assertThat(reader.messagesWithin(message -> id.equals(message.key()), Duration.ofMillis(500)))
				.as("the no-ops published nothing")
				.hasSize(InteractionLifecycle.CHANGES);
		}
	}

}
