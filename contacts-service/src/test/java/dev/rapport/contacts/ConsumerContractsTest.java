package dev.rapport.contacts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rapport.events.Topics;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ConsumerContracts;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TestTokens;
import dev.rapport.platform.test.TopicReader;
import dev.rapport.platform.test.TopicReader.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact events this service really publishes (through its API, outbox and broker) carry every field the
 * consumers of {@code rapport.contacts.v1} in this repository pinned (interactions-service's contact replica,
 * reminders-service's relationships): a change here that drops or retypes one fails here, naming consumer and field.
 */
@ServiceIntegrationTest
class ConsumerContractsTest {

	/** A contact with every part a consumer reads: a cadence tier, dates with and without a year or label. */
	static final String FULL = """
			{"displayName": "Ada Lovelace", "givenName": "Ada", "familyName": "Lovelace",
			 "emails": [{"address": "ada@analytical.example", "label": "work"}],
			 "importantDates": [{"kind": "BIRTHDAY", "month": 12, "day": 10, "year": 1985},
			                    {"kind": "CUSTOM", "label": "Joined Analytical Engines", "month": 6, "day": 1}],
			 "cadence": {"tier": "CLOSE"}, "visibility": "TEAM"}
			""";

	@LocalServerPort
	int port;

	@Test
	void everyContactEventHonoursWhatItsConsumersPinned() {
		ApiClient api = new ApiClient(port);
		UUID team = UUID.randomUUID();
		UUID member = UUID.randomUUID();
		String token = TestTokens.token(member, team);
		ApiClient.Response created = api.post("/api/contacts", token, FULL);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.json().get("id").asString();
		// Merge patch: the tier goes, a custom interval comes.
		ApiClient.Response updated = api.patch("/api/contacts/" + id, token, "{\"cadence\": {\"tier\": null, \"days\": 45}}",
				Map.of());
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		api.post("/api/contacts/" + id + "/archive", token, null);
		api.post("/api/contacts/" + id + "/unarchive", token, null);
		String duplicate = api.post("/api/contacts", token, FULL).json().get("id").asString();
		ApiClient.Response merged = api.post("/api/contacts/" + id + "/merge", token,
				"{\"duplicateId\": \"" + duplicate + "\"}");
		assertThat(merged.status()).as(merged.body()).isEqualTo(200);
		String handed = api.post("/api/contacts", token, FULL).json().get("id").asString();
		String admin = TestTokens.token(UUID.randomUUID(), team, "admin");
		ApiClient.Response handoff = api.post("/api/contacts/handoff", admin, "{\"fromMemberId\": \"" + member
				+ "\", \"toMemberId\": \"" + UUID.randomUUID() + "\", \"contactIds\": [\"" + handed + "\"]}");
		assertThat(handoff.status()).as(handoff.body()).isEqualTo(200);
		api.delete("/api/contacts/" + id, token);

		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.CONTACTS)) {
			List<Message> events = reader.awaitMessages(message -> message.value().contains(team.toString()),
					received -> received.stream().map(Message::type).toList()
						.containsAll(List.of("ContactHandedOff", "ContactDeleted")), Duration.ofSeconds(60));

			ConsumerContracts.assertHonoured(Topics.CONTACTS, events);
		}
	}

}
