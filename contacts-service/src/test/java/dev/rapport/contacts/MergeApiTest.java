package dev.rapport.contacts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rapport.events.ContactMerged;
import dev.rapport.events.EventCodec;
import dev.rapport.events.Topics;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TestTokens;
import dev.rapport.platform.test.TopicReader;
import dev.rapport.platform.test.TopicReader.Message;

import static dev.rapport.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/contacts/{id}/merge on the real database and broker: one person from two, the other's id redirecting. */
@ServiceIntegrationTest
class MergeApiTest {

	@LocalServerPort
	int port;

	ApiClient api;

	UUID team;

	String owner;

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		team = UUID.randomUUID();
		owner = TestTokens.token(UUID.randomUUID(), team, "member");
	}

	@Test
	void theSurvivorAbsorbsTheDuplicateWhoseIdThenRedirectsAndEveryoneItIntroducedFollows() {
		String ada = create(owner, "{\"displayName\": \"Ada Lovelace\", \"emails\": [{\"address\": \"ada@example.com\"}],"
				+ " \"tags\": [\"mentor\"], \"context\": \"Moving to Turin\"}");
		String duplicate = create(owner, "{\"displayName\": \"Lovelace, Ada\", \"company\": \"Analytical Engines\","
				+ " \"visibility\": \"TEAM\", \"emails\": [{\"address\": \"ADA@example.com\"}, {\"address\": \"ada@engines.org\"}],"
				+ " \"tags\": [\"london\"], \"context\": \"Loves engines\"}");
		String introduced = create(owner, "{\"displayName\": \"Charles Babbage\", \"howWeMet\": {\"introducedBy\": \""
				+ duplicate + "\"}}");

		ApiClient.Response merged = merge(owner, ada, duplicate);

		assertThat(merged.status()).isEqualTo(200);
		JsonNode survivor = merged.json();
		assertThat(survivor.get("id").asString()).isEqualTo(ada);
		assertThat(survivor.get("displayName").asString()).as("the survivor's value wins").isEqualTo("Ada Lovelace");
		assertThat(survivor.get("company").asString()).as("the duplicate fills a blank").isEqualTo("Analytical Engines");
		assertThat(survivor.get("emails").findValuesAsString("address")).containsExactly("ada@example.com",
				"ada@engines.org");
		assertThat(survivor.get("tags").valueStream().map(JsonNode::asString)).containsExactly("mentor", "london");
		assertThat(survivor.get("context").asString()).isEqualTo("Moving to Turin\n\nLoves engines");
		assertThat(survivor.get("visibility").asString()).as("shared, as the duplicate was").isEqualTo("TEAM");
		assertThat(survivor.get("version").asLong()).isEqualTo(2);
		assertThat(merged.header("ETag")).isEqualTo("\"2\"");

		ApiClient.Response read = api.get("/api/contacts/" + duplicate, owner);
		assertThat(read.status()).isEqualTo(301);
		assertThat(read.header("Location")).isEqualTo("/api/contacts/" + ada);
		assertThat(read.json().get("type").asString()).endsWith("/merged");
		assertThat(read.json().get("mergedInto").asString()).isEqualTo(ada);
		ApiClient.Response write = api.patch("/api/contacts/" + duplicate, owner, "{\"company\": \"x\"}", Map.of());
		assertProblem(write, 410, "merged");
		assertThat(write.json().get("mergedInto").asString()).isEqualTo(ada);
		assertProblem(api.delete("/api/contacts/" + duplicate, owner), 410, "merged");
		assertThat(api.get("/api/contacts/" + introduced, owner).json().get("howWeMet").get("introducedBy").asString())
			.isEqualTo(ada);
		assertThat(api.get("/api/contacts?size=100", owner).json().get("items").findValuesAsString("id"))
			.containsExactlyInAnyOrder(ada, introduced);

		// Sent again (a retry after a lost answer): nothing changes.
		ApiClient.Response again = merge(owner, ada, duplicate);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("version").asLong()).isEqualTo(2);

		// A chain stays flat: the survivor merged on into a third, the first duplicate points at the third.
		String third = create(owner, "{\"displayName\": \"A. Lovelace\"}");
		assertThat(merge(owner, third, ada).status()).isEqualTo(200);
		assertThat(api.get("/api/contacts/" + duplicate, owner).header("Location")).isEqualTo("/api/contacts/" + third);

		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.CONTACTS)) {
			List<Message> events = reader.awaitMessages(message -> message.value().contains(team.toString()),
					received -> received.stream().filter(m -> m.type().equals("ContactMerged")).count() >= 2,
					Duration.ofSeconds(30));
			List<Message> mergedEvents = events.stream().filter(m -> m.type().equals("ContactMerged")).toList();
			// Keyed by the merged-away contact: two keys, two partitions, so no order between the two.
			assertThat(mergedEvents).extracting(Message::key).containsExactlyInAnyOrder(duplicate, ada);
			Message firstMerge = mergedEvents.stream().filter(m -> m.key().equals(duplicate)).findFirst().orElseThrow();
			ContactMerged first = (ContactMerged) new EventCodec().fromJson("ContactMerged", firstMerge.value());
			assertThat(first.contactId()).hasToString(duplicate);
			assertThat(first.survivorId()).hasToString(ada);
			assertThat(first.teamId()).isEqualTo(team);
		}
	}

	@Test
	void onlyContactsTheCallerCanSeeAndMayEraseAreMergedAndBadRequestsChangeNothing() {
		String ada = create(owner, "{\"displayName\": \"Ada Lovelace\", \"visibility\": \"TEAM\"}");
		String teammate = TestTokens.token(UUID.randomUUID(), team, "member");
		String teammatesPrivate = create(teammate, "{\"displayName\": \"Ada L.\"}");
		String teammatesShared = create(teammate, "{\"displayName\": \"Ada L.\", \"visibility\": \"TEAM\"}");
		String outsider = TestTokens.token(UUID.randomUUID(), UUID.randomUUID(), "member");
		String elsewhere = create(outsider, "{\"displayName\": \"Ada Lovelace\"}");

		assertProblem(merge(owner, ada, teammatesPrivate), 404, "not-found");
		assertProblem(merge(owner, ada, elsewhere), 404, "not-found");
		assertProblem(merge(outsider, ada, elsewhere), 404, "not-found");
		assertProblem(merge(owner, ada, teammatesShared), 403, "forbidden");
		assertProblem(merge(owner, ada, ada), 400, "validation");
		assertProblem(api.post("/api/contacts/" + ada + "/merge", owner, "{}"), 400, "validation");
		ApiClient.Response notAnId = api.post("/api/contacts/" + ada + "/merge", owner, "{\"duplicateId\": \"nope\"}");
		assertProblem(notAnId, 400, "validation");
		assertThat(notAnId.json().get("errors").findValuesAsString("field")).containsExactly("duplicateId");
		assertProblem(api.post("/api/contacts/" + ada + "/merge", owner, "{\"duplicateId\": \"" + teammatesShared,
				Map.of()), 400, "malformed-request");
		assertProblem(api.post("/api/contacts/" + ada + "/merge", owner,
				"{\"duplicateId\": \"" + teammatesShared + "\"}", Map.of("If-Match", "\"7\"")), 403, "forbidden");
		assertThat(api.get("/api/contacts/" + ada, owner).json().get("version").asLong()).isEqualTo(1);
		assertThat(api.get("/api/contacts/" + teammatesShared, owner).status()).isEqualTo(200);

		// A team admin may merge a teammate's shared contact away; a stale If-Match first changes nothing.
		String admin = TestTokens.token(UUID.randomUUID(), team, "admin");
		assertProblem(api.post("/api/contacts/" + ada + "/merge", admin,
				"{\"duplicateId\": \"" + teammatesShared + "\"}", Map.of("If-Match", "\"7\"")), 412, "stale-version");
		assertThat(api.get("/api/contacts/" + teammatesShared, admin).status()).isEqualTo(200);
		assertThat(api.post("/api/contacts/" + ada + "/merge", admin, "{\"duplicateId\": \"" + teammatesShared + "\"}",
				Map.of("If-Match", "\"1\"")).status()).isEqualTo(200);
		// The one merged away is no longer there to merge into something else.
		String other = create(owner, "{\"displayName\": \"Someone\", \"visibility\": \"TEAM\"}");
		ApiClient.Response gone = merge(admin, other, teammatesShared);
		assertProblem(gone, 410, "merged");
		assertThat(gone.json().get("mergedInto").asString()).isEqualTo(ada);
		// Someone who cannot see the survivor learns nothing of the merge.
		assertProblem(api.get("/api/contacts/" + teammatesShared, outsider), 404, "not-found");
	}

	private ApiClient.Response merge(String token, String survivor, String duplicate) {
		return api.post("/api/contacts/" + survivor + "/merge", token, "{\"duplicateId\": \"" + duplicate + "\"}");
	}

	private String create(String token, String json) {
		ApiClient.Response created = api.post("/api/contacts", token, json);
		assertThat(created.status()).isEqualTo(201);
		return created.json().get("id").asString();
	}

}
