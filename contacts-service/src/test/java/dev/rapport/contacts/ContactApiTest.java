package dev.rapport.contacts;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ApiClient.Response;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestTokens;

import static dev.rapport.platform.test.ProblemAssertions.assertFieldProblem;
import static dev.rapport.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Every contacts endpoint over HTTP, happy paths and the errors a client can cause. Each test is its own team. */
@ServiceIntegrationTest
class ContactApiTest {

	static final String ADA = """
			{"displayName": "Ada Lovelace", "givenName": "Ada", "familyName": "Lovelace",
			 "emails": [{"address": "ada@analytical.example", "label": "work"}],
			 "phones": [{"number": "+44 20 7946 0958", "label": "mobile"}],
			 "company": "Analytical Engines", "title": "Mathematician", "location": "London",
			 "howWeMet": {"place": "PyCon", "date": "2024-05-17", "note": "Talked about Bernoulli numbers"},
			 "tags": ["Mentor", "python"], "interests": ["poetry"],
			 "context": "Moving to Turin in spring; daughter starts university",
			 "importantDates": [{"kind": "BIRTHDAY", "month": 12, "day": 10}],
			 "cadence": {"tier": "CLOSE"}, "visibility": "TEAM"}
			""";

	@LocalServerPort
	int port;

	ApiClient api;

	UUID team;

	UUID user;

	String token;

	@BeforeEach
	void newTeam() {
		api = new ApiClient(port);
		team = UUID.randomUUID();
		user = UUID.randomUUID();
		token = TestTokens.token(user, team, "member");
	}

	@Test
	void createsAContactAndReturnsItWithServerFields() {
		Response created = api.post("/api/contacts", token, ADA);

		assertThat(created.status()).isEqualTo(201);
		JsonNode contact = created.json();
		assertThat(created.header("Location")).isEqualTo("/api/contacts/" + contact.get("id").asString());
		assertThat(created.header("ETag")).isEqualTo("\"1\"");
		assertThat(contact.get("teamId").asString()).isEqualTo(team.toString());
		assertThat(contact.get("ownerId").asString()).isEqualTo(user.toString());
		assertThat(contact.get("displayName").asString()).isEqualTo("Ada Lovelace");
		assertThat(contact.get("tags").toString()).isEqualTo("[\"mentor\",\"python\"]");
		assertThat(contact.at("/cadence/tier").asString()).isEqualTo("CLOSE");
		assertThat(contact.at("/cadence/days").asInt()).isEqualTo(30);
		assertThat(contact.at("/importantDates/0/year").isMissingNode() || contact.at("/importantDates/0/year").isNull())
			.isTrue();
		assertThat(contact.get("archived").asBoolean()).isFalse();
		assertThat(contact.get("version").asLong()).isEqualTo(1);

		Response read = api.get("/api/contacts/" + contact.get("id").asString(), token);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.header("ETag")).isEqualTo("\"1\"");
		assertThat(read.json()).isEqualTo(contact);
	}

	@Test
	void newContactsArePrivateByDefault() {
		JsonNode contact = api.post("/api/contacts", token, "{\"displayName\": \"Grace\"}").json();

		assertThat(contact.get("visibility").asString()).isEqualTo("PRIVATE");
		assertThat(contact.get("cadence").isNull() || contact.get("cadence").isMissingNode()).isTrue();
	}

	@Test
	void refusesMalformedJson() {
		Response response = api.post("/api/contacts", token, "{\"displayName\": ");

		assertProblem(response, 400, "malformed-request");
		assertNothingStored();
	}

	@Test
	void refusesUnknownAndReadOnlyFieldsNamingThem() {
		Response unknown = api.post("/api/contacts", token, "{\"displayName\": \"Grace\", \"nickname\": \"G\"}");
		assertProblem(unknown, 400, "validation");
		assertThat(unknown.json().at("/errors/0/field").asString()).isEqualTo("nickname");
		assertThat(unknown.json().at("/errors/0/message").asString()).isEqualTo("is not a known field");

		for (String field : new String[] { "id", "teamId", "ownerId" }) {
			Response readOnly = api.post("/api/contacts", token,
					"{\"displayName\": \"Grace\", \"%s\": \"%s\"}".formatted(field, UUID.randomUUID()));
			assertProblem(readOnly, 400, "validation");
			assertThat(readOnly.json().at("/errors/0/field").asString()).isEqualTo(field);
			assertThat(readOnly.json().at("/errors/0/message").asString()).isEqualTo("is read-only");
		}
		assertNothingStored();
	}

	@Test
	void reportsEveryInvalidFieldAtOnce() {
		Response response = api.post("/api/contacts", token, """
				{"displayName": " ", "emails": [{"address": "not-an-email"}],
				 "importantDates": [{"kind": "BIRTHDAY", "month": 2, "day": 29, "year": 2023},
				                    {"kind": "CUSTOM", "month": 4, "day": 31}],
				 "cadence": {"tier": "CLOSE", "days": 12}}
				""");

		assertProblem(response, 400, "validation");
		assertThat(response.json().get("errors").valueStream().map(error -> error.get("field").asString()))
			.containsExactlyInAnyOrder("cadence.days", "displayName", "emails[0].address", "importantDates[0].day",
					"importantDates[1].day", "importantDates[1].label");
		assertNothingStored();
	}

	@Test
	void refusesInvalidDatesAndEnums() {
		Response badDate = api.post("/api/contacts", token,
				"{\"displayName\": \"Grace\", \"howWeMet\": {\"date\": \"2024-13-01\"}}");
		assertProblem(badDate, 400, "validation");
		assertThat(badDate.json().at("/errors/0/field").asString()).isEqualTo("howWeMet.date");

		Response badTier = api.post("/api/contacts", token, "{\"displayName\": \"Grace\", \"cadence\": {\"tier\": \"BFF\"}}");
		assertProblem(badTier, 400, "validation");
		assertThat(badTier.json().at("/errors/0/field").asString()).isEqualTo("cadence.tier");

		Response future = api.post("/api/contacts", token,
				"{\"displayName\": \"Grace\", \"howWeMet\": {\"date\": \"2999-01-01\"}}");
		assertProblem(future, 400, "validation");
		assertNothingStored();
	}

	@Test
	void refusesOversizedBodies() {
		String huge = "{\"displayName\": \"Grace\", \"context\": \"" + "x".repeat(300_000) + "\"}";

		assertProblem(api.post("/api/contacts", token, huge), 413, "payload-too-large");
		// Chunked upload: no Content-Length, the limit is enforced while reading.
		Response chunked = api.send("POST", "/api/contacts", token,
				java.net.http.HttpRequest.BodyPublishers
					.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes())),
				Map.of("Content-Type", "application/json"));
		assertProblem(chunked, 413, "payload-too-large");
		assertNothingStored();
	}

	@Test
	void refusesAnIntroducerThatIsNotAVisibleContact() {
		Response response = api.post("/api/contacts", token,
				"{\"displayName\": \"Grace\", \"howWeMet\": {\"introducedBy\": \"%s\"}}".formatted(UUID.randomUUID()));

		assertProblem(response, 400, "validation");
		assertThat(response.json().at("/errors/0/field").asString()).isEqualTo("howWeMet.introducedBy");
		assertNothingStored();
	}

	@Test
	void requiresAToken() {
		Response response = api.get("/api/contacts", null);

		assertProblem(response, 401, "unauthorized");
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
	}

	@Test
	void protocolErrorsAreProblemsToo() {
		Response wrongMethod = api.send("PUT", "/api/contacts", token, java.net.http.HttpRequest.BodyPublishers.noBody(),
				Map.of());
		Response wrongType = api.send("POST", "/api/contacts", token,
				java.net.http.HttpRequest.BodyPublishers.ofString("hi"), Map.of("Content-Type", "text/plain"));
		Response noSuchPath = api.get("/api/nothing-here", token);

		assertThat(wrongMethod.status()).isEqualTo(405);
		assertThat(wrongType.status()).isEqualTo(415);
		assertThat(noSuchPath.status()).isEqualTo(404);
		for (Response response : java.util.List.of(wrongMethod, wrongType, noSuchPath)) {
			assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
			assertThat(response.body()).doesNotContain("Exception");
		}
		assertNothingStored();
	}

	@Test
	void answers404ForUnknownAnd400ForMalformedIds() {
		assertProblem(api.get("/api/contacts/" + UUID.randomUUID(), token), 404, "not-found");
		Response malformed = api.get("/api/contacts/not-a-uuid", token);
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void mergePatchChangesOnlyWhatItNames() {
		String id = api.post("/api/contacts", token, ADA).json().get("id").asString();

		Response patched = api.patch("/api/contacts/" + id, token,
				"{\"company\": \"Babbage & Co\", \"title\": null, \"tags\": [\"advisor\"], \"howWeMet\": {\"place\": \"Royal Society\"}}",
				Map.of("If-Match", "\"1\""));

		assertThat(patched.status()).isEqualTo(200);
		JsonNode contact = patched.json();
		assertThat(contact.get("company").asString()).isEqualTo("Babbage & Co");
		assertThat(contact.has("title") && !contact.get("title").isNull()).isFalse();
		assertThat(contact.get("tags").toString()).isEqualTo("[\"advisor\"]");
		assertThat(contact.at("/howWeMet/place").asString()).isEqualTo("Royal Society");
		assertThat(contact.at("/howWeMet/date").asString()).isEqualTo("2024-05-17");
		assertThat(contact.get("displayName").asString()).isEqualTo("Ada Lovelace");
		assertThat(contact.get("version").asLong()).isEqualTo(2);
		assertThat(patched.header("ETag")).isEqualTo("\"2\"");
	}

	@Test
	void aPatchThatChangesNothingKeepsTheVersion() {
		String id = api.post("/api/contacts", token, ADA).json().get("id").asString();

		Response patched = api.patch("/api/contacts/" + id, token, "{\"company\": \"Analytical Engines\"}", Map.of());

		assertThat(patched.status()).isEqualTo(200);
		assertThat(patched.json().get("version").asLong()).isEqualTo(1);
	}

	@Test
	void patchRefusesReadOnlyUnknownAndInvalidFieldsAndStoresNothing() {
		JsonNode before = api.post("/api/contacts", token, ADA).json();
		String path = "/api/contacts/" + before.get("id").asString();

		Response readOnly = api.patch(path, token, "{\"teamId\": \"%s\", \"company\": \"X\"}".formatted(UUID.randomUUID()),
				Map.of());
		assertProblem(readOnly, 400, "validation");
		assertThat(readOnly.json().at("/errors/0/field").asString()).isEqualTo("teamId");
		assertProblem(api.patch(path, token, "{\"nickname\": \"A\"}", Map.of()), 400, "validation");
		Response invalid = api.patch(path, token, "{\"displayName\": null, \"emails\": [{\"address\": \"nope\"}]}",
				Map.of());
		assertProblem(invalid, 400, "validation");
		assertThat(invalid.json().get("errors").valueStream().map(error -> error.get("field").asString()))
			.containsExactlyInAnyOrder("displayName", "emails[0].address");
		assertProblem(api.patch(path, token, "[1, 2]", Map.of()), 400, "validation");
		assertProblem(api.patch(path, token, "{\"company\": ", Map.of()), 400, "malformed-request");

		assertThat(api.get(path, token).json()).isEqualTo(before);
	}

	@Test
	void staleVersionsAreRefused() {
		String path = "/api/contacts/" + api.post("/api/contacts", token, ADA).json().get("id").asString();
		assertThat(api.patch(path, token, "{\"company\": \"One\"}", Map.of("If-Match", "\"1\"")).status())
			.isEqualTo(200);

		Response staleIfMatch = api.patch(path, token, "{\"company\": \"Two\"}", Map.of("If-Match", "\"1\""));
		assertProblem(staleIfMatch, 412, "stale-version");
		assertThat(staleIfMatch.json().get("currentVersion").asLong()).isEqualTo(2);

		Response staleBody = api.patch(path, token, "{\"company\": \"Two\", \"version\": 1}", Map.of());
		assertProblem(staleBody, 409, "stale-version");

		assertThat(api.get(path, token).json().get("company").asString()).isEqualTo("One");
		assertThat(api.patch(path, token, "{\"company\": \"Two\", \"version\": 2}", Map.of()).status()).isEqualTo(200);
	}

	@Test
	void archivesAndUnarchives() {
		String id = api.post("/api/contacts", token, ADA).json().get("id").asString();

		Response archived = api.post("/api/contacts/" + id + "/archive", token, null);
		assertThat(archived.status()).isEqualTo(200);
		assertThat(archived.json().get("archived").asBoolean()).isTrue();
		assertThat(archived.json().get("version").asLong()).isEqualTo(2);
		assertThat(api.post("/api/contacts/" + id + "/archive", token, null).json().get("version").asLong())
			.as("archiving twice changes nothing")
			.isEqualTo(2);
		assertThat(api.get("/api/contacts", token).json().get("totalItems").asLong()).isZero();
		assertThat(api.get("/api/contacts?archived=ARCHIVED", token).json().get("totalItems").asLong()).isEqualTo(1);
		assertThat(api.get("/api/contacts?archived=ALL", token).json().get("totalItems").asLong()).isEqualTo(1);

		Response restored = api.post("/api/contacts/" + id + "/unarchive", token, null);
		assertThat(restored.json().get("archived").asBoolean()).isFalse();
		assertThat(api.get("/api/contacts", token).json().get("totalItems").asLong()).isEqualTo(1);
	}

	@Test
	void deleteErasesTheContactAndUnlinksWhoItIntroduced() {
		String introducer = api.post("/api/contacts", token, "{\"displayName\": \"Charles\", \"visibility\": \"TEAM\"}")
			.json()
			.get("id")
			.asString();
		String introduced = api.post("/api/contacts", token,
				"{\"displayName\": \"Ada\", \"howWeMet\": {\"introducedBy\": \"%s\", \"place\": \"Salon\"}}"
					.formatted(introducer))
			.json()
			.get("id")
			.asString();

		assertThat(api.delete("/api/contacts/" + introducer, token).status()).isEqualTo(204);

		assertProblem(api.get("/api/contacts/" + introducer, token), 404, "not-found");
		assertProblem(api.delete("/api/contacts/" + introducer, token), 404, "not-found");
		JsonNode unlinked = api.get("/api/contacts/" + introduced, token).json();
		assertThat(unlinked.at("/howWeMet/introducedBy").isMissingNode() || unlinked.at("/howWeMet/introducedBy").isNull())
			.isTrue();
		assertThat(unlinked.at("/howWeMet/place").asString()).isEqualTo("Salon");
		assertThat(unlinked.get("version").asLong()).isEqualTo(2);
	}

	@Test
	void onlyTheOwnerOrAnAdminMayDeleteASharedContact() {
		String id = api.post("/api/contacts", token, ADA).json().get("id").asString();
		String teammate = TestTokens.token(UUID.randomUUID(), team, "member");
		String admin = TestTokens.token(UUID.randomUUID(), team, "admin");

		assertProblem(api.delete("/api/contacts/" + id, teammate), 403, "forbidden");
		assertProblem(api.patch("/api/contacts/" + id, teammate, "{\"visibility\": \"PRIVATE\"}", Map.of()), 403,
				"forbidden");
		assertThat(api.patch("/api/contacts/" + id, teammate, "{\"company\": \"Shared edit\"}", Map.of()).status())
			.as("a shared contact is the team's to keep up to date")
			.isEqualTo(200);
		assertThat(api.delete("/api/contacts/" + id, admin).status()).isEqualTo(204);
	}

	@Test
	void listsPageByPageWithACappedPageSize() {
		for (int i = 0; i < 5; i++) {
			api.post("/api/contacts", token, "{\"displayName\": \"Person %d\"}".formatted(i));
		}

		JsonNode first = api.get("/api/contacts?size=2", token).json();
		assertThat(first.get("totalItems").asLong()).isEqualTo(5);
		assertThat(first.get("totalPages").asInt()).isEqualTo(3);
		assertThat(first.get("items").size()).isEqualTo(2);
		assertThat(first.at("/items/0/displayName").asString()).isEqualTo("Person 0");
		JsonNode last = api.get("/api/contacts?size=2&page=2", token).json();
		assertThat(last.get("items").size()).isEqualTo(1);
		assertThat(last.at("/items/0/displayName").asString()).isEqualTo("Person 4");
		assertThat(api.get("/api/contacts?size=2&page=7", token).json().get("items").size()).isZero();
		assertThat(api.get("/api/contacts?size=2&page=7", token).json().get("totalItems").asLong()).isEqualTo(5);

		assertProblem(api.get("/api/contacts?size=101", token), 400, "validation");
		assertProblem(api.get("/api/contacts?page=-1", token), 400, "validation");
		Response sideways = api.get("/api/contacts?sort=SIDEWAYS", token);
		assertProblem(sideways, 400, "validation");
		assertThat(sideways.json().get("errors").get(0).get("field").asString()).isEqualTo("sort");
	}

	@Test
	void searchesNameCompanyEmailTagsAndNotes() {
		api.post("/api/contacts", token, ADA);
		api.post("/api/contacts", token, """
				{"displayName": "Grace Hopper", "company": "US Navy", "emails": [{"address": "grace@navy.example"}],
				 "tags": ["compilers"], "context": "Collects nanoseconds", "cadence": {"days": 45}}
				""");

		assertThat(names("q=lovelace")).containsExactly("Ada Lovelace");
		assertThat(names("q=navy")).containsExactly("Grace Hopper");
		assertThat(names("q=grace@navy")).containsExactly("Grace Hopper");
		assertThat(names("q=compil")).containsExactly("Grace Hopper");
		assertThat(names("q=turin")).containsExactly("Ada Lovelace");
		assertThat(names("q=ada%20turin")).containsExactly("Ada Lovelace");
		assertThat(names("q=ada%20navy")).isEmpty();
		assertThat(names("q=100%25")).isEmpty();
		assertThat(names("tag=mentor")).containsExactly("Ada Lovelace");
		assertThat(names("tier=CLOSE")).containsExactly("Ada Lovelace");
		assertThat(names("sort=NAME")).containsExactly("Ada Lovelace", "Grace Hopper");
	}

	private java.util.List<String> names(String query) {
		Response response = api.get("/api/contacts?" + query, token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().get("items").valueStream().map(item -> item.get("displayName").asString()).toList();
	}

	@Test
	void aResendWithTheSameIdempotencyKeyCreatesNothingAndAnswersWithTheFirstContact() {
		Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
		Response first = api.post("/api/contacts", token, ADA, key);
		Response resend = api.post("/api/contacts", token, ADA, key);

		assertThat(first.status()).isEqualTo(201);
		assertThat(first.header("Idempotent-Replayed")).isNull();
		assertThat(resend.status()).isEqualTo(201);
		assertThat(resend.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(resend.header("Location")).isEqualTo(first.header("Location"));
		assertThat(resend.json()).isEqualTo(first.json());
		assertThat(api.get("/api/contacts", token).json().get("totalItems").asLong()).as("one contact").isEqualTo(1);

		Response otherKey = api.post("/api/contacts", token, ADA, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
		assertThat(otherKey.json().get("id")).as("another key is another request").isNotEqualTo(first.json().get("id"));
		String teammate = TestTokens.token(UUID.randomUUID(), team, "member");
		assertThat(api.post("/api/contacts", teammate, ADA, key).header("Idempotent-Replayed"))
			.as("a key is its caller's: a teammate's same key is a request of their own")
			.isNull();
	}

	@Test
	void anIdempotencyKeyReusedForAnotherRequestIsRefusedAndAnInvalidOneChangesNothing() {
		Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
		assertProblem(api.post("/api/contacts", token, "{\"displayName\": \" \"}", key), 400, "validation");
		assertNothingStored();
		Response created = api.post("/api/contacts", token, "{\"displayName\": \"Grace\"}", key);
		assertThat(created.status()).as("an invalid request did not use its key up").isEqualTo(201);
		assertThat(created.header("Idempotent-Replayed")).isNull();

		Response reused = api.post("/api/contacts", token, "{\"displayName\": \"Someone else\"}", key);
		assertProblem(reused, 422, "idempotency-key-reused");
		assertThat(api.get("/api/contacts", token).json().get("totalItems").asLong()).isEqualTo(1);

		for (String bad : new String[] { "", "with space", "x".repeat(256) }) {
			assertFieldProblem(api.post("/api/contacts", token, ADA, Map.of("Idempotency-Key", bad)), "Idempotency-Key");
		}
		assertThat(api.get("/api/contacts", token).json().get("totalItems").asLong()).isEqualTo(1);
	}

	@Test
	void concurrentSendsOfOneIdempotencyKeyCreateOneContact() throws Exception {
		Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
		try (ExecutorService senders = Executors.newFixedThreadPool(4)) {
			List<Future<Response>> sent = senders.invokeAll(
					Collections.nCopies(8, () -> api.post("/api/contacts", token, ADA, key)));
			Set<String> ids = new HashSet<>();
			for (Future<Response> response : sent) {
				assertThat(response.get().status()).isEqualTo(201);
				ids.add(response.get().json().get("id").asString());
			}
			assertThat(ids).as("every send answered with the same contact").hasSize(1);
		}
		assertThat(api.get("/api/contacts", token).json().get("totalItems").asLong()).isEqualTo(1);
	}

	private void assertNothingStored() {
		assertThat(api.get("/api/contacts?archived=ALL", token).json().get("totalItems").asLong()).isZero();
	}

}
