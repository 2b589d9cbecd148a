package dev.rapport.interactions;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import static dev.rapport.interactions.Interactions.errorFields;
import static org.assertj.core.api.Assertions.assertThat;

/** Every interactions endpoint over HTTP, happy paths and the errors a client can cause. Each test is its own team. */
@ServiceIntegrationTest
class InteractionApiTest {

	@LocalServerPort
	int port;

	@Autowired
	ContactReplicaRepository replicas;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	ApiClient api;

	ContactFeed feed;

	UUID team;

	UUID user;

	String token;

	UUID ada;

	@BeforeEach
	void newTeam() {
		api = new ApiClient(port);
		feed = new ContactFeed(replicas, jdbc);
		team = UUID.randomUUID();
		user = UUID.randomUUID();
		token = TestTokens.token(user, team, "member");
		ada = feed.contact(team, user, Visibility.PRIVATE);
	}

	@AfterEach
	void closeFeed() {
		feed.close();
	}

	@Test
	void logsAnInteractionAndReturnsItWithServerFields() {
		Response created = api.post("/api/interactions", token, coffee(ada));

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode interaction = created.json();
		String id = interaction.get("id").asString();
		assertThat(created.header("Location")).isEqualTo("/api/interactions/" + id);
		assertThat(created.header("ETag")).isEqualTo("\"1\"");
		assertThat(interaction.get("teamId").asString()).isEqualTo(team.toString());
		assertThat(interaction.get("authorId").asString()).isEqualTo(user.toString());
		assertThat(interaction.get("participantIds").get(0).asString()).isEqualTo(ada.toString());
		assertThat(interaction.get("type").asString()).isEqualTo("COFFEE_OR_MEAL");
		assertThat(interaction.get("happenedAt").asString()).isEqualTo("2026-03-02T09:30:00Z");
		assertThat(interaction.get("timeZone").asString()).isEqualTo("Europe/Paris");
		assertThat(interaction.get("notes").asString()).startsWith("Seemed tired");
		assertThat(interaction.get("learned").get(0).asString()).startsWith("Her daughter");
		assertThat(interaction.get("questions").get(0).asString()).isEqualTo("How did the first week in Turin go?");
		assertThat(interaction.get("followUps")).hasSize(2);
		assertThat(interaction.at("/followUps/0/id").asString()).isNotBlank();
		assertThat(interaction.at("/followUps/0/completed").asBoolean()).isFalse();
		assertThat(interaction.at("/followUps/1/owedBy").asString()).isEqualTo("THEM");
		assertThat(interaction.get("meaningfulness").asInt()).isEqualTo(4);
		assertThat(interaction.get("version").asLong()).isEqualTo(1);

		Response read = api.get("/api/interactions/" + id, token);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.header("ETag")).isEqualTo("\"1\"");
		assertThat(read.json()).isEqualTo(interaction);
	}

	@Test
	void aMinimalInteractionNeedsParticipantsTypeTimeAndZone() {
		Response created = api.post("/api/interactions", token, """
				{"participantIds": ["%s", "%s"], "type": "CALL", "happenedAt": "2026-03-02T09:30:00.123456789Z",
				 "timeZone": "UTC"}
				""".formatted(ada, ada));

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.json().get("participantIds")).as("named twice, one participant").hasSize(1);
		assertThat(created.json().get("happenedAt").asString()).isEqualTo("2026-03-02T09:30:00.123456Z");
		assertThat(created.json().get("followUps")).isEmpty();
	}

	@Test
	void anInteractionLoggedWithoutATimeHappenedNowByTheServiceClock() {
		Instant before = clock.instant().truncatedTo(ChronoUnit.MICROS);

		Response created = api.post("/api/interactions", token, """
				{"participantIds": ["%s"], "type": "CALL", "timeZone": "Europe/Paris"}
				""".formatted(ada));

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(Instant.parse(created.json().get("happenedAt").asString())).isBetween(before, clock.instant());
	}

	@Test
	void refusesParticipantsTheCallerCannotSee() {
		UUID teammate = UUID.randomUUID();
		UUID teammatesPrivate = feed.contact(team, teammate, Visibility.PRIVATE);
		UUID teammatesShared = feed.contact(team, teammate, Visibility.TEAM);
		UUID otherTeams = feed.contact(UUID.randomUUID(), user, Visibility.TEAM);
		UUID unknown = UUID.randomUUID();

		Response response = api.post("/api/interactions", token,
				coffee(ada, unknown, otherTeams, teammatesPrivate, teammatesShared));

		assertProblem(response, 400, "validation");
		assertThat(errorFields(response)).containsExactly("participantIds[1]", "participantIds[2]",
				"participantIds[3]");
		assertThat(api.post("/api/interactions", token, coffee(ada, teammatesShared)).status()).isEqualTo(201);
		assertThat(api.get("/api/contacts/" + ada + "/interactions", token).json().get("totalItems").asLong())
			.as("the refused request stored nothing")
			.isEqualTo(1);
	}

	@Test
	void reportsEveryInvalidFieldByItsPath() {
		Response response = api.post("/api/interactions", token, """
				{"participantIds": [], "type": "CALL", "happenedAt": "2026-03-02T09:30:00Z", "timeZone": "Mars/Olympus",
				 "durationMinutes": 0, "meaningfulness": 6, "questions": [" "], "followUps": [{"text": ""}]}
				""");

		assertProblem(response, 400, "validation");
		assertThat(errorFields(response)).containsExactlyInAnyOrder("participantIds", "timeZone", "durationMinutes",
				"meaningfulness", "questions[0]", "followUps[0].text");

		Response offset = api.post("/api/interactions", token, """
				{"participantIds": ["%s"], "type": "CALL", "happenedAt": "2026-03-02T09:30:00Z", "timeZone": "+02:00"}
				""".formatted(ada));
		assertProblem(offset, 400, "validation");
		assertThat(errorFields(offset)).containsExactly("timeZone");

		Response missing = api.post("/api/interactions", token, "{\"participantIds\": [\"%s\"]}".formatted(ada));
		assertThat(errorFields(missing)).containsExactlyInAnyOrder("type", "timeZone");

		Response explicitNull = api.post("/api/interactions", token, """
				{"participantIds": ["%s"], "type": "CALL", "happenedAt": null, "timeZone": "UTC"}
				""".formatted(ada));
		assertThat(errorFields(explicitNull)).containsExactly("happenedAt");

		Response badType = api.post("/api/interactions", token, """
				{"participantIds": ["%s"], "type": "TELEPATHY", "happenedAt": "2026-03-02T09:30:00Z", "timeZone": "UTC"}
				""".formatted(ada));
		assertProblem(badType, 400, "validation");
		assertThat(errorFields(badType)).containsExactly("type");
		assertThat(badType.json().get("errors").get(0).get("message").asString())
			.as("the values the API does know").contains("one of [").contains("COFFEE_OR_MEAL");

		Response future = api.post("/api/interactions", token, """
				{"participantIds": ["%s"], "type": "CALL", "happenedAt": "2999-01-01T00:00:00Z", "timeZone": "UTC"}
				""".formatted(ada));
		assertProblem(future, 400, "validation");
		assertThat(errorFields(future)).containsExactly("happenedAt");

		assertProblem(api.post("/api/interactions", token, "{\"participantIds\": "), 400, "malformed-request");
		assertProblem(api.post("/api/interactions", token, "[1, 2]"), 400, "validation");
		assertThat(timelineSize()).isZero();
	}

	@Test
	void refusesReadOnlyAndUnknownFieldsNamingThem() {
		for (String field : List.of("id", "teamId", "authorId", "createdAt", "version")) {
			Response response = api.post("/api/interactions", token,
					"{\"participantIds\": [\"%s\"], \"%s\": \"x\"}".formatted(ada, field));
			assertProblem(response, 400, "validation");
			assertThat(response.json().at("/errors/0/field").asString()).isEqualTo(field);
			assertThat(response.json().at("/errors/0/message").asString()).isEqualTo("is read-only");
		}
		Response unknown = api.post("/api/interactions", token,
				coffee(ada).replace("\"meaningfulness\": 4", "\"mood\": \"great\""));
		assertThat(errorFields(unknown)).containsExactly("mood");
		assertThat(unknown.json().at("/errors/0/message").asString()).isEqualTo("is not a known field");

		Response completed = api.post("/api/interactions", token,
				coffee(ada).replace("\"owedBy\": \"THEM\"", "\"owedBy\": \"THEM\", \"completed\": true"));
		assertProblem(completed, 400, "validation");
		assertThat(errorFields(completed)).containsExactly("followUps[1].completed");

		Response nestedUnknown = api.post("/api/interactions", token,
				coffee(ada).replace("\"owedBy\": \"THEM\"", "\"owedBy\": \"THEM\", \"priority\": 1"));
		assertThat(errorFields(nestedUnknown)).containsExactly("followUps[1].priority");
		assertThat(timelineSize()).isZero();
	}

	@Test
	void refusesOversizedBodies() {
		String huge = coffee(ada).replace("Seemed tired", "x".repeat(300_000));

		assertProblem(api.post("/api/interactions", token, huge), 413, "payload-too-large");
	}

	@Test
	void mergePatchesAndBumpsTheVersion() {
		String id = log(coffee(ada));

		Response patched = api.patch("/api/interactions/" + id, token,
				"{\"summary\": \"Mostly about Turin\", \"place\": null, \"questions\": [\"Which neighbourhood?\"]}",
				Map.of("If-Match", "\"1\""));

		assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
		assertThat(patched.header("ETag")).isEqualTo("\"2\"");
		JsonNode body = patched.json();
		assertThat(body.get("summary").asString()).isEqualTo("Mostly about Turin");
		assertThat(body.has("place") && !body.get("place").isNull()).isFalse();
		assertThat(body.get("questions")).hasSize(1);
		assertThat(body.get("learned")).as("untouched").hasSize(1);
		assertThat(body.get("version").asLong()).isEqualTo(2);
		assertThat(api.get("/api/interactions/" + id, token).json()).isEqualTo(body);
	}

	@Test
	void aPatchThatChangesNothingKeepsTheVersion() {
		String id = log(coffee(ada));

		Response same = api.patch("/api/interactions/" + id, token, "{\"meaningfulness\": 4, \"type\": \"COFFEE_OR_MEAL\"}",
				Map.of());

		assertThat(same.status()).isEqualTo(200);
		assertThat(same.json().get("version").asLong()).isEqualTo(1);
	}

	@Test
	void staleVersionsAreRefused() {
		String id = log(coffee(ada));
		api.patch("/api/interactions/" + id, token, "{\"summary\": \"v2\"}", Map.of());

		Response ifMatch = api.patch("/api/interactions/" + id, token, "{\"summary\": \"late\"}", Map.of("If-Match", "\"1\""));
		assertProblem(ifMatch, 412, "stale-version");
		assertThat(ifMatch.json().get("currentVersion").asLong()).isEqualTo(2);

		Response member = api.patch("/api/interactions/" + id, token, "{\"summary\": \"late\", \"version\": 1}", Map.of());
		assertProblem(member, 409, "stale-version");

		Response current = api.patch("/api/interactions/" + id, token, "{\"summary\": \"v3\", \"version\": 2}", Map.of());
		assertThat(current.status()).isEqualTo(200);
		assertThat(current.json().get("version").asLong()).isEqualTo(3);
	}

	@Test
	void patchesAreValidatedLikeCreates() {
		String id = log(coffee(ada));
		UUID stranger = feed.contact(team, UUID.randomUUID(), Visibility.PRIVATE);

		assertThat(errorFields(api.patch("/api/interactions/" + id, token, "{\"timeZone\": \"Nowhere/City\"}", Map.of())))
			.containsExactly("timeZone");
		assertThat(errorFields(api.patch("/api/interactions/" + id, token,
				"{\"participantIds\": [\"%s\", \"%s\"]}".formatted(ada, stranger), Map.of())))
			.containsExactly("participantIds[1]");
		assertThat(errorFields(api.patch("/api/interactions/" + id, token, "{\"teamId\": \"%s\"}".formatted(UUID.randomUUID()), Map.of())))
			.containsExactly("teamId");
		assertThat(errorFields(api.patch("/api/interactions/" + id, token, "{\"participantIds\": null}", Map.of())))
			.containsExactly("participantIds");
		assertThat(api.get("/api/interactions/" + id, token).json().get("version").asLong()).isEqualTo(1);
	}

	@Test
	void followUpsKeepTheirIdentityAcrossPatches() {
		JsonNode created = api.post("/api/interactions", token, coffee(ada)).json();
		String id = created.get("id").asString();
		String book = created.at("/followUps/0/id").asString();
		api.post("/api/interactions/%s/follow-ups/%s/complete".formatted(id, book), token, null);

		Response patched = api.patch("/api/interactions/" + id, token, """
				{"followUps": [{"id": "%s", "text": "Send the book (done)"}, {"text": "Call back in April"}]}
				""".formatted(book), Map.of());

		assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
		JsonNode followUps = patched.json().get("followUps");
		assertThat(followUps).hasSize(2);
		assertThat(followUps.get(0).get("id").asString()).isEqualTo(book);
		assertThat(followUps.get(0).get("completed").asBoolean()).as("completion kept").isTrue();
		assertThat(followUps.get(1).get("completed").asBoolean()).isFalse();

		Response unknown = api.patch("/api/interactions/" + id, token,
				"{\"followUps\": [{\"id\": \"%s\", \"text\": \"?\"}]}".formatted(UUID.randomUUID()), Map.of());
		assertThat(errorFields(unknown)).containsExactly("followUps[0].id");
	}

	@Test
	void completesAndReopensAFollowUp() {
		JsonNode created = api.post("/api/interactions", token, coffee(ada)).json();
		String id = created.get("id").asString();
		String followUp = created.at("/followUps/1/id").asString();
		String path = "/api/interactions/%s/follow-ups/%s/".formatted(id, followUp);

		Response completed = api.post(path + "complete", token, null);
		assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
		assertThat(completed.header("ETag")).isEqualTo("\"2\"");
		assertThat(completed.json().at("/followUps/1/completed").asBoolean()).isTrue();
		assertThat(completed.json().at("/followUps/1/completedAt").asString()).isNotBlank();
		assertThat(completed.json().at("/followUps/0/completed").asBoolean()).isFalse();

		Response again = api.post(path + "complete", token, null);
		assertThat(again.json().get("version").asLong()).as("already done: no-op").isEqualTo(2);

		Response reopened = api.post(path + "reopen", token, null);
		assertThat(reopened.status()).isEqualTo(200);
		assertThat(reopened.json().at("/followUps/1/completed").asBoolean()).isFalse();
		assertThat(reopened.json().at("/followUps/1/completedAt").isMissingNode()
				|| reopened.json().at("/followUps/1/completedAt").isNull()).isTrue();
		assertThat(reopened.json().get("version").asLong()).isEqualTo(3);

		assertProblem(api.post("/api/interactions/%s/follow-ups/%s/complete".formatted(id, UUID.randomUUID()), token,
				null), 404, "not-found");
	}

	@Test
	void deletesAnInteraction() {
		String id = log(coffee(ada));

		assertThat(api.delete("/api/interactions/" + id, token).status()).isEqualTo(204);

		assertProblem(api.get("/api/interactions/" + id, token), 404, "not-found");
		assertProblem(api.delete("/api/interactions/" + id, token), 404, "not-found");
		assertThat(timelineSize()).isZero();
	}

	@Test
	void aTimelineListsNewestFirstAPageAtATime() {
		UUID grace = feed.contact(team, user, Visibility.TEAM);
		for (int day = 1; day <= 5; day++) {
			log(coffee("2026-02-0%dT10:00:00Z".formatted(day), ada));
		}
		log(coffee("2026-02-10T10:00:00Z", grace));
		String path = "/api/contacts/" + ada + "/interactions";

		JsonNode first = api.get(path + "?size=2", token).json();
		assertThat(first.get("totalItems").asLong()).isEqualTo(5);
		assertThat(first.get("totalPages").asInt()).isEqualTo(3);
		assertThat(happenedAt(first)).containsExactly("2026-02-05T10:00:00Z", "2026-02-04T10:00:00Z");
		assertThat(happenedAt(api.get(path + "?size=2&page=2", token).json())).containsExactly("2026-02-01T10:00:00Z");
		assertThat(happenedAt(api.get(path, token).json())).hasSize(5);

		assertProblem(api.get(path + "?size=0", token), 400, "validation");
		assertProblem(api.get(path + "?size=101", token), 400, "validation");
		assertProblem(api.get(path + "?page=-1", token), 400, "validation");
		assertProblem(api.get("/api/contacts/" + UUID.randomUUID() + "/interactions", token), 404, "not-found");
	}

	@Test
	void aResendWithTheSameIdempotencyKeyLogsOnceAndAnotherBodyIsRefused() {
		Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
		Response first = api.post("/api/interactions", token, coffee(ada), key);
		Response resend = api.post("/api/interactions", token, coffee(ada), key);

		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(resend.status()).isEqualTo(201);
		assertThat(resend.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(resend.json()).isEqualTo(first.json());
		assertThat(timelineSize()).as("logged once").isEqualTo(1);

		assertProblem(api.post("/api/interactions", token, coffee("2026-02-01T10:00:00Z", ada), key), 422,
				"idempotency-key-reused");
		assertThat(timelineSize()).isEqualTo(1);

		// Logged "now" (no happenedAt, as the web client sends it): a resend is the same request all the same.
		String justNow = "{\"participantIds\": [\"%s\"], \"type\": \"CALL\", \"timeZone\": \"Europe/Paris\"}"
			.formatted(ada);
		Map<String, String> another = Map.of("Idempotency-Key", UUID.randomUUID().toString());
		assertThat(api.post("/api/interactions", token, justNow, another).status()).isEqualTo(201);
		Response again = api.post("/api/interactions", token, justNow, another);
		assertThat(again.status()).as(again.toString()).isEqualTo(201);
		assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(timelineSize()).isEqualTo(2);
	}

	private List<String> happenedAt(JsonNode page) {
		return page.get("items").valueStream().map(item -> item.get("happenedAt").asString()).toList();
	}

	private long timelineSize() {
		return api.get("/api/contacts/" + ada + "/interactions", token).json().get("totalItems").asLong();
	}

	private String log(String body) {
		Response created = api.post("/api/interactions", token, body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}

}
