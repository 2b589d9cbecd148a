package dev.rapport.contacts;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestTokens;

import static dev.rapport.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/contacts/duplicates on the real database: pairs among what the caller can see, nothing else. */
@ServiceIntegrationTest
class DuplicatesApiTest {

	@LocalServerPort
	int port;

	ApiClient api;

	UUID team;

	String ownerToken;

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		team = UUID.randomUUID();
		ownerToken = TestTokens.token(UUID.randomUUID(), team, "member");
	}

	@Test
	void listsPairsAmongTheContactsTheCallerCanSeeWithTheirReasons() {
		String ada = create(ownerToken, "{\"displayName\": \"Ada Lovelace\", \"emails\": [{\"address\": \"ada@example.com\"}],"
				+ " \"phones\": [{\"number\": \"(212) 555-0101\"}]}");
		String adaAgain = create(ownerToken, "{\"displayName\": \"Lovelace, Ada\", \"visibility\": \"TEAM\","
				+ " \"emails\": [{\"address\": \"ADA@example.com\"}], \"phones\": [{\"number\": \"+1 212 555 0101\"}]}");
		String teammate = TestTokens.token(UUID.randomUUID(), team, "member");
		create(teammate, "{\"displayName\": \"Ada (private)\", \"emails\": [{\"address\": \"ada@example.com\"}]}");
		String outsider = TestTokens.token(UUID.randomUUID(), UUID.randomUUID(), "member");
		create(outsider, "{\"displayName\": \"Ada elsewhere\", \"emails\": [{\"address\": \"ada@example.com\"}]}");

		JsonNode page = api.get("/api/contacts/duplicates", ownerToken).json();

		assertThat(page.get("totalItems").asLong()).isEqualTo(1);
		JsonNode pair = page.get("items").get(0);
		assertThat(pair.get("first").get("id").asString()).isEqualTo(ada);
		assertThat(pair.get("second").get("id").asString()).isEqualTo(adaAgain);
		assertThat(pair.get("matches").findValuesAsString("reason")).containsExactly("SAME_EMAIL", "SAME_PHONE");
		assertThat(pair.get("matches").get(1).get("value").asString()).isEqualTo("+12125550101");
		// The teammate sees the shared Ada and their own private one; the outsider's team has one Ada only.
		assertThat(api.get("/api/contacts/duplicates", teammate).json().get("totalItems").asLong()).isEqualTo(1);
		assertThat(api.get("/api/contacts/duplicates", outsider).json().get("totalItems").asLong()).isZero();
		assertThat(api.get("/api/contacts/duplicates?page=1&size=1", ownerToken).json().get("items").size()).isZero();
		assertProblem(api.get("/api/contacts/duplicates?size=0", ownerToken), 400, "validation");
	}

	private String create(String token, String json) {
		ApiClient.Response created = api.post("/api/contacts", token, json);
		assertThat(created.status()).isEqualTo(201);
		return created.json().get("id").asString();
	}

}
