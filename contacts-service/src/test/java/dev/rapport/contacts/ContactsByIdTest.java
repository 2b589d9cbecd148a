package dev.rapport.contacts;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ApiClient.Response;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestTokens;

import static dev.rapport.platform.test.ProblemAssertions.assertFieldProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several contacts by id in one list call ({@code GET /api/contacts?id=...&id=...}): only those, only the ones the
 * caller may see, archived ones too, all on one page, combinable with the other filters. Each test is its own team.
 */
@ServiceIntegrationTest
class ContactsByIdTest {

	@LocalServerPort
	int port;

	ApiClient api;

	UUID team;

	String token;

	@BeforeEach
	void newTeam() {
		api = new ApiClient(port);
		team = UUID.randomUUID();
		token = TestTokens.token(UUID.randomUUID(), team, "member");
	}

	@Test
	void listsOnlyTheNamedContactsCombinedWithTheOtherFilters() {
		String ada = create(token, "{\"displayName\": \"Ada Lovelace\", \"tags\": [\"mentor\"]}");
		String grace = create(token, "{\"displayName\": \"Grace Hopper\", \"company\": \"US Navy\"}");
		create(token, "{\"displayName\": \"Alan Turing\", \"tags\": [\"mentor\"]}");

		JsonNode both = list(ids(grace, ada));
		assertThat(names(both)).containsExactly("Ada Lovelace", "Grace Hopper");
		assertThat(both.get("totalItems").asLong()).isEqualTo(2);
		assertThat(names(list(ids(ada, ada, grace, grace)))).as("named twice, listed once")
			.containsExactly("Ada Lovelace", "Grace Hopper");
		assertThat(names(list(ids(ada, grace) + "&tag=mentor"))).containsExactly("Ada Lovelace");
		assertThat(names(list(ids(ada, grace) + "&q=navy"))).containsExactly("Grace Hopper");
		assertThat(names(list(ids(ada, grace) + "&sort=RECENTLY_CREATED"))).containsExactly("Grace Hopper",
				"Ada Lovelace");
		assertThat(names(list(ids(ada)))).containsExactly("Ada Lovelace");
		assertThat(list("").get("totalItems").asLong()).as("no id: every contact, as before").isEqualTo(3);
	}

	@Test
	void archivedContactsAreIncludedUnlessArchivedSaysOtherwise() {
		String ada = create(token, "{\"displayName\": \"Ada Lovelace\"}");
		String grace = create(token, "{\"displayName\": \"Grace Hopper\"}");
		assertThat(api.post("/api/contacts/" + grace + "/archive", token, null).status()).isEqualTo(200);

		assertThat(names(list(ids(ada, grace)))).containsExactly("Ada Lovelace", "Grace Hopper");
		assertThat(names(list(ids(ada, grace) + "&archived=ALL"))).containsExactly("Ada Lovelace", "Grace Hopper");
		assertThat(names(list(ids(ada, grace) + "&archived=ACTIVE"))).containsExactly("Ada Lovelace");
		assertThat(names(list(ids(ada, grace) + "&archived=ARCHIVED"))).containsExactly("Grace Hopper");
		assertThat(names(list(""))).as("without id, archived ones stay hidden").containsExactly("Ada Lovelace");
	}

	@Test
	void answersAllTheNamedContactsOnOnePageUnlessSizeSaysOtherwise() {
		List<String> created = IntStream.rangeClosed(1, 25)
			.mapToObj(i -> create(token, "{\"displayName\": \"Person %02d\"}".formatted(i)))
			.toList();

		JsonNode all = list(ids(created.toArray(String[]::new)));
		assertThat(all.get("items").size()).isEqualTo(25);
		assertThat(all.get("totalPages").asInt()).isEqualTo(1);
		assertThat(list("").get("items").size()).as("without id, the usual page size").isEqualTo(20);

		JsonNode paged = list(ids(created.toArray(String[]::new)) + "&size=10&page=2");
		assertThat(names(paged)).containsExactly("Person 21", "Person 22", "Person 23", "Person 24", "Person 25");
		assertThat(paged.get("totalItems").asLong()).isEqualTo(25);
	}

	@Test
	void leavesOutWhatTheCallerMayNotSee() {
		String mine = create(token, "{\"displayName\": \"Mine\"}");
		String teammate = TestTokens.token(UUID.randomUUID(), team, "member");
		String teammatesPrivate = create(teammate, "{\"displayName\": \"Teammate's private\"}");
		String teammatesShared = create(teammate, "{\"displayName\": \"Teammate's shared\", \"visibility\": \"TEAM\"}");
		String otherTeams = create(TestTokens.token(UUID.randomUUID(), UUID.randomUUID(), "admin"),
				"{\"displayName\": \"Other team's\", \"visibility\": \"TEAM\"}");
		String unknown = UUID.randomUUID().toString();

		JsonNode answer = list(ids(mine, teammatesPrivate, teammatesShared, otherTeams, unknown));

		assertThat(names(answer)).containsExactly("Mine", "Teammate's shared");
		assertThat(answer.get("totalItems").asLong()).isEqualTo(2);
		assertThat(names(list(ids(teammatesPrivate, otherTeams, unknown)))).isEmpty();
	}

	@Test
	void refusesMoreThanAHundredIdsAndIdsThatAreNone() {
		String[] hundred = IntStream.range(0, 100).mapToObj(i -> UUID.randomUUID().toString()).toArray(String[]::new);
		String[] hundredAndOne = IntStream.range(0, 101)
			.mapToObj(i -> UUID.randomUUID().toString())
			.toArray(String[]::new);

		assertThat(api.get("/api/contacts?" + ids(hundred), token).status()).isEqualTo(200);
		assertThat(assertFieldProblem(api.get("/api/contacts?" + ids(hundredAndOne), token), "id")).contains("100");
		assertThat(assertFieldProblem(api.get("/api/contacts?id=not-a-uuid", token), "id"))
			.isEqualTo("has an invalid value 'not-a-uuid' (UUID)");
		String oneIsNoId = ids(UUID.randomUUID().toString(), "12345");
		assertThat(assertFieldProblem(api.get("/api/contacts?" + oneIsNoId, token), "id"))
			.as("the one value that is no id, not all of them")
			.isEqualTo("has an invalid value '12345' (UUID)");
	}

	private String create(String callerToken, String body) {
		Response created = api.post("/api/contacts", callerToken, body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private JsonNode list(String query) {
		Response response = api.get("/api/contacts?" + query, token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private static String ids(String... ids) {
		return List.of(ids).stream().map(id -> "id=" + id).collect(Collectors.joining("&"));
	}

	private static List<String> names(JsonNode page) {
		return page.get("items").valueStream().map(item -> item.get("displayName").asString()).toList();
	}

}
