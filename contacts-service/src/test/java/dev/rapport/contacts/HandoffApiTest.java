package dev.rapport.contacts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.ContactHandedOff;
import dev.rapport.events.ContactState;
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

/**
 * POST /api/contacts/handoff and GET /api/contacts/{id}/handoffs on the real database and broker: owners change, the
 * history is kept, one ContactHandedOff per contact; refused requests change nothing.
 */
@ServiceIntegrationTest
class HandoffApiTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	ApiClient api;

	UUID team;

	UUID leaver;

	UUID successor;

	UUID adminId;

	String leaverToken;

	String successorToken;

	String admin;

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		team = UUID.randomUUID();
		leaver = UUID.randomUUID();
		successor = UUID.randomUUID();
		adminId = UUID.randomUUID();
		leaverToken = TestTokens.token(leaver, team, "member");
		successorToken = TestTokens.token(successor, team, "member");
		admin = TestTokens.token(adminId, team, "admin");
	}

	@Test
	void allOfAMembersContactsGoToTheSuccessorPrivateOnesTooWithTheirHistoryAndOneEventEach() {
		String shared = create(leaverToken, "{\"displayName\": \"Ada Lovelace\", \"visibility\": \"TEAM\"}");
		String secret = create(leaverToken, "{\"displayName\": \"Charles Babbage\"}");
		String someoneElses = create(successorToken, "{\"displayName\": \"Mary Somerville\"}");
		assertThat(api.get("/api/contacts/" + secret, successorToken).status()).as("private to the leaver")
			.isEqualTo(404);

		ApiClient.Response handoff = handOff(admin, null, Map.of());

		assertThat(handoff.status()).as(handoff.body()).isEqualTo(200);
		JsonNode result = handoff.json();
		assertThat(result.get("handedOff").asInt()).isEqualTo(2);
		assertThat(result.get("contactIds").valueStream().map(JsonNode::asString))
			.containsExactlyInAnyOrder(shared, secret);
		assertThat(result.get("fromMemberId").asString()).isEqualTo(leaver.toString());
		assertThat(result.get("toMemberId").asString()).isEqualTo(successor.toString());
		String handoffId = result.get("handoffId").asString();

		JsonNode nowTheirs = api.get("/api/contacts/" + secret, successorToken).json();
		assertThat(nowTheirs.get("ownerId").asString()).isEqualTo(successor.toString());
		assertThat(nowTheirs.get("version").asLong()).as("an owner change is a change").isEqualTo(2);
		assertThat(api.get("/api/contacts/" + secret, leaverToken).status()).as("no longer the leaver's")
			.isEqualTo(404);
		assertThat(api.get("/api/contacts/" + someoneElses, successorToken).json().get("version").asLong())
			.isEqualTo(1);

		JsonNode history = api.get("/api/contacts/" + shared + "/handoffs", leaverToken).json();
		assertThat(history).hasSize(1);
		assertThat(history.get(0).get("handoffId").asString()).isEqualTo(handoffId);
		assertThat(history.get(0).get("fromMemberId").asString()).isEqualTo(leaver.toString());
		assertThat(history.get(0).get("toMemberId").asString()).isEqualTo(successor.toString());
		assertThat(history.get(0).get("byMemberId").asString()).isEqualTo(adminId.toString());
		assertThat(history.get(0).get("handedOffAt").asString()).isNotBlank();
		assertProblem(api.get("/api/contacts/" + someoneElses + "/handoffs", leaverToken), 404, "not-found");
		assertThat(api.get("/api/contacts/" + someoneElses + "/handoffs", successorToken).json()).isEmpty();

		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.CONTACTS)) {
			List<Message> events = reader.awaitMessages(message -> message.value().contains(team.toString()),
					received -> received.stream().filter(m -> m.type().equals("ContactHandedOff")).count() >= 2,
					Duration.ofSeconds(30));
			List<ContactHandedOff> handedOff = events.stream()
				.filter(m -> m.type().equals("ContactHandedOff"))
				.map(m -> (ContactHandedOff) new EventCodec().fromJson(m.type(), m.value()))
				.toList();
			assertThat(handedOff).extracting(e -> e.contactId().toString()).containsExactlyInAnyOrder(shared, secret);
			assertThat(handedOff).allSatisfy(e -> {
				assertThat(e.fromMemberId()).isEqualTo(leaver);
				assertThat(e.toMemberId()).isEqualTo(successor);
				assertThat(e.byMemberId()).isEqualTo(adminId);
				assertThat(e.handoffId()).hasToString(handoffId);
				assertThat(e.teamId()).isEqualTo(team);
			});
			assertThat(events.stream().filter(m -> m.type().equals("ContactHandedOff")).map(Message::key))
				.containsExactlyInAnyOrder(shared, secret);
		}
		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.CONTACTS_STATE)) {
			List<Message> states = reader.awaitMessages(
					message -> message.key().equals(secret) && message.value() != null,
					received -> received.size() >= 2, Duration.ofSeconds(30));
			ContactState latest = (ContactState) new EventCodec().fromJson("ContactState", states.getLast().value());
			assertThat(latest.ownerId()).as("the state topic says who owns her now").isEqualTo(successor);
		}
	}

	@Test
	void namedContactsOnlyAndAResendWithItsKeyHandsOverNothingMoreAndAnswersTheSame() {
		String first = create(leaverToken, "{\"displayName\": \"Ada Lovelace\"}");
		String second = create(leaverToken, "{\"displayName\": \"Charles Babbage\"}");
		String kept = create(leaverToken, "{\"displayName\": \"Mary Somerville\"}");
		Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

		ApiClient.Response handoff = handOff(admin, List.of(first, second, first), key);
		assertThat(handoff.status()).as(handoff.body()).isEqualTo(200);
		assertThat(handoff.json().get("handedOff").asInt()).as("a repeated id counts once").isEqualTo(2);

		// The answer was lost; the admin sends it again, and once more after the successor handed one back.
		ApiClient.Response again = handOff(admin, List.of(first, second, first), key);
		assertThat(again.status()).as(again.body()).isEqualTo(200);
		assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(again.json().get("handoffId").asString()).isEqualTo(handoff.json().get("handoffId").asString());
		assertThat(again.json().get("contactIds").valueStream().map(JsonNode::asString))
			.containsExactlyInAnyOrder(first, second);
		assertThat(api.get("/api/contacts/" + first, successorToken).json().get("version").asLong())
			.as("handed over once").isEqualTo(2);
		assertThat(historyRows(first)).isEqualTo(1);
		assertThat(api.get("/api/contacts/" + kept, leaverToken).json().get("ownerId").asString())
			.isEqualTo(leaver.toString());

		assertProblem(api.post("/api/contacts/handoff", admin, body(leaver, successor, List.of(kept)), key), 422,
				"idempotency-key-reused");
	}

	@Test
	void contactsNotTheFromMembersAreListedInA409AndNothingIsHandedOver() {
		String theirs = create(leaverToken, "{\"displayName\": \"Ada Lovelace\"}");
		String successorsOwn = create(successorToken, "{\"displayName\": \"Charles Babbage\", \"visibility\": \"TEAM\"}");
		String elsewhere = create(TestTokens.token(leaver, UUID.randomUUID(), "member"), "{\"displayName\": \"Mary\"}");
		String nobody = UUID.randomUUID().toString();

		ApiClient.Response refused = handOff(admin, List.of(theirs, successorsOwn, elsewhere, nobody), Map.of());

		assertProblem(refused, 409, "conflict");
		assertThat(refused.json().get("contactIds").valueStream().map(JsonNode::asString))
			.containsExactly(successorsOwn, elsewhere, nobody);
		assertThat(api.get("/api/contacts/" + theirs, leaverToken).json().get("version").asLong())
			.as("all or nothing").isEqualTo(1);
		assertThat(historyRows(theirs)).isZero();
	}

	@Test
	void onlyATeamAdminHandsOverAndBadRequestsAreRefusedNamingTheFieldOrTheLimit() {
		String theirs = create(leaverToken, "{\"displayName\": \"Ada Lovelace\"}");

		assertProblem(handOff(leaverToken, null, Map.of()), 403, "forbidden");
		assertProblem(handOff(successorToken, List.of(theirs), Map.of()), 403, "forbidden");
		assertProblem(api.post("/api/contacts/handoff", admin, "{\"toMemberId\": \"" + successor + "\"}"), 400,
				"validation");
		assertProblem(api.post("/api/contacts/handoff", admin, body(leaver, leaver, null)), 400, "validation");
		assertProblem(api.post("/api/contacts/handoff", admin, body(leaver, successor, List.of())), 400, "validation");

		List<String> tooMany = new ArrayList<>();
		for (int i = 0; i <= 10_000; i++) {
			tooMany.add(UUID.randomUUID().toString());
		}
		ApiClient.Response overLimit = handOff(admin, tooMany, Map.of());
		assertProblem(overLimit, 413, "payload-too-large");
		assertThat(overLimit.json().get("maxContacts").asInt()).isEqualTo(10_000);
		assertThat(overLimit.json().get("detail").asString()).contains("10000");

		ApiClient.Response atLimit = handOff(admin, tooMany.subList(0, 10_000), Map.of());
		assertProblem(atLimit, 409, "conflict");
		assertThat(atLimit.json().get("contactIds")).as("10,000 ids are read, none of them the leaver's").hasSize(10_000);

		assertThat(api.get("/api/contacts/" + theirs, leaverToken).json().get("version").asLong()).isEqualTo(1);
		assertThat(historyRows(theirs)).isZero();
	}

	@Test
	void aMemberWithMoreThanTheLimitIsHandedOverInPartsNamingThem() {
		jdbc.sql("""
				insert into contact (id, team_id, owner_id, display_name, visibility, created_at, updated_at, version,
				  search_text)
				select gen_random_uuid(), :team, :owner, 'Person ' || n, 'PRIVATE', now(), now(), 1, 'person ' || n
				from generate_series(1, 10001) n
				""").param("team", team).param("owner", leaver).update();

		ApiClient.Response all = handOff(admin, null, Map.of());

		assertProblem(all, 413, "payload-too-large");
		assertThat(all.json().get("maxContacts").asInt()).isEqualTo(10_000);
		assertThat(all.json().get("detail").asString()).contains("contactIds");
		assertThat(jdbc.sql("select count(*) from contact where team_id = :team and owner_id = :owner")
			.param("team", team)
			.param("owner", leaver)
			.query(Long.class)
			.single()).as("nothing handed over").isEqualTo(10_001);
	}

	private long historyRows(String contactId) {
		return jdbc.sql("select count(*) from contact_handoff where contact_id = :id")
			.param("id", UUID.fromString(contactId))
			.query(Long.class)
			.single();
	}

	private ApiClient.Response handOff(String token, List<String> contactIds, Map<String, String> headers) {
		return api.post("/api/contacts/handoff", token, body(leaver, successor, contactIds), headers);
	}

	private static String body(UUID from, UUID to, List<String> contactIds) {
		return "{\"fromMemberId\": \"" + from + "\", \"toMemberId\": \"" + to + "\""
				+ (contactIds == null ? "" : ", \"contactIds\": ["
						+ contactIds.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(", ")) + "]")
				+ "}";
	}

	private String create(String token, String json) {
		ApiClient.Response created = api.post("/api/contacts", token, json);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

}
