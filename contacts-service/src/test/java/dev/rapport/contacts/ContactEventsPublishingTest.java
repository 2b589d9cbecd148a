package dev.rapport.contacts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rapport.events.ContactCreated;
import dev.rapport.events.ContactUpdated;
import dev.rapport.events.EventCodec;
import dev.rapport.events.Topics;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TestTokens;
import dev.rapport.platform.test.TopicReader;
import dev.rapport.platform.test.TopicReader.Message;

import static org.assertj.core.api.Assertions.assertThat;

/** Every change reaches the topic as its event, keyed by contact id, in order, readable by the published codec. */
@ServiceIntegrationTest
class ContactEventsPublishingTest {

	@LocalServerPort
	int port;

	@Test
	void eachChangePublishesItsEventInOrder() {
		ApiClient api = new ApiClient(port);
		UUID team = UUID.randomUUID();
		UUID user = UUID.randomUUID();
		String token = TestTokens.token(user, team);
		String id = api.post("/api/contacts", token, ContactApiTest.ADA).json().get("id").asString();
		api.patch("/api/contacts/" + id, token, "{\"company\": \"Babbage & Co\"}", Map.of());
		api.post("/api/contacts/" + id + "/archive", token, null);
		api.post("/api/contacts/" + id + "/unarchive", token, null);
		api.delete("/api/contacts/" + id, token);
		api.post("/api/contacts", token, "{\"displayName\": \" \"}"); // refused: publishes nothing

		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.CONTACTS)) {
			List<Message> events = reader.awaitMessages(message -> message.value().contains(team.toString()),
					received -> received.size() >= 5, Duration.ofSeconds(30));

			assertThat(events).extracting(Message::type)
				.containsExactly("ContactCreated", "ContactUpdated", "ContactArchived", "ContactUnarchived",
						"ContactDeleted");
			assertThat(events).extracting(Message::key).containsOnly(id);
			assertThat(events).extracting(Message::partition).as("one contact, one partition").hasSize(5).containsOnly(events.getFirst().partition());

			EventCodec codec = new EventCodec();
			ContactCreated created = (ContactCreated) codec.fromJson("ContactCreated", events.get(0).value());
			assertThat(created.contactId()).hasToString(id);
			assertThat(created.teamId()).isEqualTo(team);
			assertThat(created.ownerId()).isEqualTo(user);
			assertThat(created.contact().displayName()).isEqualTo("Ada Lovelace");
			assertThat(created.contact().cadence().days()).isEqualTo(30);
			ContactUpdated updated = (ContactUpdated) codec.fromJson("ContactUpdated", events.get(1).value());
			assertThat(updated.changedFields()).containsExactly("company");
			assertThat(updated.contact().version()).isEqualTo(2);
			JsonNode deleted = ApiClient.json(events.get(4).value());
			assertThat(deleted.get("contactId").asString()).isEqualTo(id);
			assertThat(deleted.has("contact")).as("an erasure event carries no personal data").isFalse();
			assertThat(reader.messagesWithin(message -> message.value().contains(team.toString()), Duration.ofMillis(500)))
				.as("the refused request published nothing")
				.hasSize(5);
		}
	}

}
