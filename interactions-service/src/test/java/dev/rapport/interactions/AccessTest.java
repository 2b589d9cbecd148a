package dev.rapport.interactions;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.interactions.contact.ContactReplicaRepository;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ApiClient.Response;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestTokens;

import static dev.rapport.platform.test.ProblemAssertions.assertProblem;
import static dev.rapport.interactions.Interactions.coffee;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nobody reaches what is not theirs: another team gets 404 on every endpoint; a teammate reads an interaction only
 * when they can see every participant, never the author's notes, and cannot change it.
 */
@ServiceIntegrationTest
class AccessTest {

	@LocalServerPort
	int port;

	@Autowired
	ContactReplicaRepository replicas;

	@Autowired
	JdbcClient jdbc;

	ApiClient api;

	ContactFeed feed;

	UUID team;

	UUID author;

	String authorToken;

	String teammateToken;

	UUID shared;

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		feed = new ContactFeed(replicas, jdbc);
		team = UUID.randomUUID();
		author = UUID.randomUUID();
		authorToken = TestTokens.token(author, team, "member");
		teammateToken = TestTokens.token(UUID.randomUUID(), team, "member");
		shared = feed.contact(team, author, Visibility.TEAM);
	}

	@AfterEach
	void closeFeed() {
		feed.close();
	}

	@Test
	void anotherTeamGets404OnEveryEndpointAndChangesNothing() {
		JsonNode interaction = log(coffee(shared));
		String before = api.get("/api/interactions/" + interaction.get("id").asString(), authorToken).body();
		String outsider = TestTokens.token(author, UUID.randomUUID(), "admin");

		for (Function<String, Response> call : everyEndpoint(interaction)) {
			assertProblem(call.apply(outsider), 404, "not-found");
		}
		assertProblem(api.get("/api/contacts/" + shared + "/interactions", outsider), 404, "not-found");
		assertProblem(api.post("/api/interactions", outsider, coffee(shared)), 400, "validation");
		assertThat(api.get("/api/interactions/" + interaction.get("id").asString(), authorToken).body())
			.isEqualTo(before);
	}

	@Test
	void aTeammateReadsWithoutNotesButCannotChange() {
		JsonNode interaction = log(coffee(shared));
		String id = interaction.get("id").asString();

		Response read = api.get("/api/interactions/" + id, teammateToken);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().has("notes") && !read.json().get("notes").isNull()).as("notes are the author's").isFalse();
		assertThat(read.json().get("learned")).hasSize(1);
		JsonNode timeline = api.get("/api/contacts/" + shared + "/interactions", teammateToken).json();
		assertThat(timeline.get("totalItems").asLong()).isEqualTo(1);
		assertThat(timeline.at("/items/0/notes").isMissingNode() || timeline.at("/items/0/notes").isNull()).isTrue();

		List<Function<String, Response>> changes = everyEndpoint(interaction).subList(1, 5);
		for (Function<String, Response> call : changes) {
			assertProblem(call.apply(teammateToken), 403, "forbidden");
		}
		String admin = TestTokens.token(UUID.randomUUID(), team, "admin");
		assertThat(api.delete("/api/interactions/" + id, admin).status()).as("a team admin may delete").isEqualTo(204);
	}

	@Test
	void anInteractionWithAPrivateContactIsTheAuthorsAlone() {
		UUID mine = feed.contact(team, author, Visibility.PRIVATE);
		JsonNode both = log(coffee(shared, mine));
		JsonNode onlyShared = log(coffee(shared));

		for (Function<String, Response> call : everyEndpoint(both)) {
			assertProblem(call.apply(teammateToken), 404, "not-found");
		}
		assertProblem(api.get("/api/contacts/" + mine + "/interactions", teammateToken), 404, "not-found");
		JsonNode timeline = api.get("/api/contacts/" + shared + "/interactions", teammateToken).json();
		assertThat(timeline.get("items").valueStream().map(item -> item.get("id").asString()))
			.containsExactly(onlyShared.get("id").asString());
		assertThat(api.get("/api/contacts/" + shared + "/interactions", authorToken).json().get("totalItems").asLong())
			.isEqualTo(2);
	}

	@Test
	void aPatchMayKeepAParticipantThatBecamePrivateButNotAddOne() {
		UUID teammate = UUID.randomUUID();
		UUID theirs = feed.contact(team, teammate, Visibility.TEAM);
		JsonNode interaction = log(coffee(shared, theirs));
		String id = interaction.get("id").asString();
		feed.send(dev.rapport.events.ContactUpdated.of(theirs, team, teammate,
				ContactFeed.snapshot(Visibility.PRIVATE, 2, false), List.of("visibility"), java.time.Instant.now()));
		feed.awaitReplica(theirs, replica -> replica.visibility() == Visibility.PRIVATE);

		Response kept = api.patch("/api/interactions/" + id, authorToken, "{\"summary\": \"still both\"}", Map.of());
		assertThat(kept.status()).as(kept.toString()).isEqualTo(200);

		Response added = api.post("/api/interactions", authorToken, coffee(theirs));
		assertProblem(added, 400, "validation");
	}

	@Test
	void onlyPlatformTokensGetIn() {
		assertProblem(api.get("/api/contacts/" + shared + "/interactions", null), 401, "unauthorized");
		assertProblem(api.post("/api/interactions", TestTokens.stranger().sign(author, team, java.util.Set.of(),
				java.time.Duration.ofMinutes(5)), coffee(shared)), 401, "unauthorized");
	}

	private JsonNode log(String body) {
		Response created = api.post("/api/interactions", authorToken, body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json();
	}

	private List<Function<String, Response>> everyEndpoint(JsonNode interaction) {
		String path = "/api/interactions/" + interaction.get("id").asString();
		String followUp = path + "/follow-ups/" + interaction.at("/followUps/0/id").asString();
		return List.of(token -> api.get(path, token),
				token -> api.patch(path, token, "{\"summary\": \"Hijacked\"}", Map.of()),
				token -> api.post(followUp + "/complete", token, null),
				token -> api.post(followUp + "/reopen", token, null), token -> api.delete(path, token));
	}

}
