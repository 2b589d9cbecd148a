package dev.rapport.reminders.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ApiClient.Response;
import dev.rapport.platform.test.TestTokens;
import dev.rapport.reminders.RemindersIntegrationTest;

import static dev.rapport.platform.test.ProblemAssertions.assertFieldProblem;
import static dev.rapport.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhooks API as members and admins use it: what a webhook may be, whose webhooks one sees and may change, the
 * secret shown once, and bad input answered with a problem that names the field and changes nothing.
 */
@RemindersIntegrationTest
class WebhookApiTest {

	static final String WEBHOOKS = "/api/notifications/webhooks";

	/** Resolves (to loopback, allowed in tests); nothing listens there, which no test here needs. */
	static final String URL = "http://127.0.0.1:9/hook";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	final UUID team = UUID.randomUUID();

	final UUID me = UUID.randomUUID();

	final UUID teammate = UUID.randomUUID();

	ApiClient api;

	String token;

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		token = TestTokens.token(me, team);
	}

	@Test
	void aMemberAddsAWebhookAndSeesItsSecretOnlyOnce() {
		Response created = api.post(WEBHOOKS, token,
				"{\"url\": \"" + URL + "\", \"description\": \"  my ntfy  \", \"format\": \"NTFY\"}");

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode webhook = created.json();
		assertThat(webhook.get("secret").asString()).matches("whsec_[A-Za-z0-9+/]{43}=");
		assertThat(webhook.get("scope").asString()).isEqualTo("MEMBER");
		assertThat(webhook.get("format").asString()).isEqualTo("NTFY");
		assertThat(webhook.get("description").asString()).isEqualTo("my ntfy");
		assertThat(webhook.get("url").asString()).isEqualTo(URL);
		assertThat(created.header("Location")).endsWith(WEBHOOKS + "/" + webhook.get("id").asString());

		JsonNode listed = api.get(WEBHOOKS, token).json();
		assertThat(listed.get("totalItems").asLong()).isEqualTo(1);
		JsonNode item = listed.get("items").get(0);
		assertThat(item.get("id").asString()).isEqualTo(webhook.get("id").asString());
		assertThat(item.has("secret")).as("never listed").isFalse();
		assertThat(api.get(WEBHOOKS + "/" + item.get("id").asString() + "/deliveries", token).json().get("items"))
			.isEmpty();
	}

	@Test
	void scopeAndFormatDefaultToMemberAndStandard() {
		JsonNode webhook = create(token, "{\"url\": \"" + URL + "\"}").json();
		assertThat(webhook.get("scope").asString()).isEqualTo("MEMBER");
		assertThat(webhook.get("format").asString()).isEqualTo("STANDARD");
		assertThat(webhook.get("description").isNull()).isTrue();
	}

	@Test
	void badInputIsA400NamingTheFieldAndChangesNothing() {
		assertThat(assertFieldProblem(create(token, "{\"url\": \"ftp://127.0.0.1/x\"}"), "url"))
			.contains("https or http");
		assertThat(assertFieldProblem(create(token, "{}"), "url")).contains("required");
		assertThat(assertFieldProblem(create(token, "{\"url\": \"http://me:secret@127.0.0.1/x\"}"), "url"))
			.contains("user name or password");
		assertThat(assertFieldProblem(
				create(token, "{\"url\": \"http://127.0.0.1/" + "a".repeat(WebhookUrls.MAX_LENGTH) + "\"}"), "url"))
			.contains("at most 2048");
		assertThat(assertFieldProblem(create(token, "{\"url\": \"http://no-such-host.invalid/x\"}"), "url"))
			.contains("could not resolve host");
		assertThat(assertFieldProblem(
				create(token, "{\"url\": \"" + URL + "\", \"description\": \"" + "d".repeat(201) + "\"}"),
				"description"))
			.contains("at most 200");
		assertThat(create(token, "{\"url\": \"" + URL + "\", \"format\": \"TEAMS\"}").status()).isEqualTo(400);
		assertThat(create(token, "{\"url\": \"" + URL + "\", \"scope\": \"EVERYONE\"}").status()).isEqualTo(400);
		assertThat(api.get(WEBHOOKS + "?size=0", token).status()).isEqualTo(400);
		assertThat(jdbc.sql("select count(*) from webhook where team_id = :team").param("team", team)
			.query(Integer.class).single()).isZero();
	}

	@Test
	void aMemberHasAtMostTenWebhooks() {
		for (int i = 0; i < 10; i++) {
			assertThat(create(token, "{\"url\": \"" + URL + "\"}").status()).isEqualTo(201);
		}
		assertProblem(create(token, "{\"url\": \"" + URL + "\"}"), 409, "conflict");
		assertThat(create(TestTokens.token(teammate, team), "{\"url\": \"" + URL + "\"}").status())
			.as("the limit is per member").isEqualTo(201);
	}

	@Test
	void anotherMembersWebhookIsNotFound() {
		String id = create(token, "{\"url\": \"" + URL + "\"}").json().get("id").asString();
		String theirs = TestTokens.token(teammate, team);

		assertProblem(api.get(WEBHOOKS + "/" + id + "/deliveries", theirs), 404, "not-found");
		assertProblem(api.post(WEBHOOKS + "/" + id + "/test", theirs, null), 404, "not-found");
		assertProblem(api.delete(WEBHOOKS + "/" + id, theirs), 404, "not-found");
		assertProblem(api.delete(WEBHOOKS + "/" + id, TestTokens.token(me, UUID.randomUUID())), 404, "not-found");
		assertThat(api.get(WEBHOOKS, theirs).json().get("totalItems").asLong()).isZero();
		assertProblem(api.get(WEBHOOKS + "/" + UUID.randomUUID() + "/deliveries", token), 404, "not-found");

		assertThat(api.delete(WEBHOOKS + "/" + id, token).status()).isEqualTo(204);
		assertProblem(api.get(WEBHOOKS + "/" + id + "/deliveries", token), 404, "not-found");
	}

	@Test
	void onlyAnAdminAddsOrChangesTheTeamsWebhooksWhichEveryMemberSees() {
		assertProblem(create(token, "{\"url\": \"" + URL + "\", \"scope\": \"TEAM\"}"), 403, "forbidden");
		String admin = TestTokens.token(teammate, team, "admin");
		Response created = create(admin, "{\"url\": \"" + URL + "\", \"scope\": \"TEAM\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String id = created.json().get("id").asString();
		create(token, "{\"url\": \"" + URL + "\"}");

		JsonNode mine = api.get(WEBHOOKS, token).json();
		assertThat(mine.get("totalItems").asLong()).as("my own and the team's").isEqualTo(2);
		assertThat(api.get(WEBHOOKS, admin).json().get("totalItems").asLong()).as("the team's, not mine").isEqualTo(1);
		assertThat(api.get(WEBHOOKS + "/" + id + "/deliveries", token).status()).isEqualTo(200);
		assertProblem(api.delete(WEBHOOKS + "/" + id, token), 403, "forbidden");
		assertProblem(api.post(WEBHOOKS + "/" + id + "/test", token, null), 403, "forbidden");
		assertThat(api.delete(WEBHOOKS + "/" + id, TestTokens.token(UUID.randomUUID(), team, "admin")).status())
			.as("any admin of the team").isEqualTo(204);
	}

	@Test
	void aResendWithTheSameIdempotencyKeyCreatesNothingNew() {
		String body = "{\"url\": \"" + URL + "\"}";
		Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
		Response first = api.post(WEBHOOKS, token, body, key);
		Response again = api.post(WEBHOOKS, token, body, key);

		assertThat(again.status()).isEqualTo(201);
		assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(again.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
		assertThat(api.get(WEBHOOKS, token).json().get("totalItems").asLong()).isEqualTo(1);
		assertThat(api.post(WEBHOOKS, token, "{\"url\": \"" + URL + "x\"}", key).status()).isEqualTo(422);
	}

	@Test
	void theListIsPaginated() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(create(token, "{\"url\": \"" + URL + "\"}").json().get("id").asString());
		}
		JsonNode second = api.get(WEBHOOKS + "?page=1&size=2", token).json();
		assertThat(second.get("totalItems").asLong()).isEqualTo(3);
		assertThat(second.get("totalPages").asInt()).isEqualTo(2);
		assertThat(second.get("items")).hasSize(1);
		assertThat(second.get("items").get(0).get("id").asString()).isEqualTo(ids.get(2));
	}

	private Response create(String token, String body) {
		return api.post(WEBHOOKS, token, body);
	}

}
