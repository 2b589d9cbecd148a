package dev.rapport.contacts;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ApiClient.Response;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestTokens;

import static dev.rapport.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nobody reaches what is not theirs: another team gets 404 on every endpoint and never sees a row in a list; a
 * private contact is invisible to teammates; only a valid platform token gets in at all.
 */
@ServiceIntegrationTest
class TeamIsolationTest {

	@LocalServerPort
	int port;

	ApiClient api;

	UUID team;

	UUID owner;

	String ownerToken;

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		team = UUID.randomUUID();
		owner = UUID.randomUUID();
		ownerToken = TestTokens.token(owner, team, "admin");
	}

	@Test
	void anotherTeamGets404OnEveryEndpointAndChangesNothing() {
		String id = create("{\"displayName\": \"Shared Sam\", \"visibility\": \"TEAM\", \"tags\": [\"vip\"]}");
		String before = api.get("/api/contacts/" + id, ownerToken).body();
		String outsider = TestTokens.token(UUID.randomUUID(), UUID.randomUUID(), "admin");

		for (Function<String, Response> call : everyEndpoint(id)) {
			assertProblem(call.apply(outsider), 404, "not-found");
		}
		assertThat(api.get("/api/contacts?archived=ALL", outsider).json().get("totalItems").asLong()).isZero();
		assertThat(api.get("/api/contacts?q=sam", outsider).json().get("items").size()).isZero();
		assertThat(api.get("/api/contacts?tag=vip", outsider).json().get("items").size()).isZero();
		assertThat(api.get("/api/contacts/" + id, ownerToken).body()).isEqualTo(before);
	}

	@Test
	void aPrivateContactIsInvisibleToTeammates() {
		String id = create("{\"displayName\": \"Private Pat\", \"tags\": [\"secret\"]}");
		String teammate = TestTokens.token(UUID.randomUUID(), team, "admin");

		for (Function<String, Response> call : everyEndpoint(id)) {
			assertProblem(call.apply(teammate), 404, "not-found");
		}
		assertThat(api.get("/api/contacts?q=pat", teammate).json().get("items").size()).isZero();
		assertThat(api.get("/api/contacts?tag=secret", teammate).json().get("items").size()).isZero();
		assertThat(api.get("/api/contacts?q=pat", ownerToken).json().get("items").size()).isEqualTo(1);
		assertThat(api.get("/api/contacts/" + id, ownerToken).status()).isEqualTo(200);
	}

	@Test
	void aTeamContactIsVisibleToTeammates() {
		String id = create("{\"displayName\": \"Shared Sam\", \"visibility\": \"TEAM\"}");
		String teammate = TestTokens.token(UUID.randomUUID(), team, "member");

		assertThat(api.get("/api/contacts/" + id, teammate).status()).isEqualTo(200);
		assertThat(api.get("/api/contacts", teammate).json().get("totalItems").asLong()).isEqualTo(1);
	}

	@Test
	void anIntroducerFromAnotherTeamIsRefused() {
		String foreign = api.post("/api/contacts", TestTokens.token(UUID.randomUUID(), UUID.randomUUID()),
				"{\"displayName\": \"Elsewhere\", \"visibility\": \"TEAM\"}")
			.json()
			.get("id")
			.asString();

		Response response = api.post("/api/contacts", ownerToken,
				"{\"displayName\": \"Ada\", \"howWeMet\": {\"introducedBy\": \"%s\"}}".formatted(foreign));

		assertProblem(response, 400, "validation");
	}

	@Test
	void identityHeadersFromClientsAreIgnored() {
		create("{\"displayName\": \"Shared Sam\", \"visibility\": \"TEAM\"}");
		String outsider = TestTokens.token(UUID.randomUUID(), UUID.randomUUID());

		Response spoofed = api.send("GET", "/api/contacts", outsider,
				java.net.http.HttpRequest.BodyPublishers.noBody(),
				Map.of("X-Team-Id", team.toString(), "X-User-Id", owner.toString(), "X-Roles", "admin"));

		assertThat(spoofed.status()).isEqualTo(200);
		assertThat(spoofed.json().get("totalItems").asLong()).isZero();
	}

	@Test
	void onlyValidPlatformTokensGetIn() {
		Instant now = Instant.now();
		JWTClaimsSet.Builder valid = new JWTClaimsSet.Builder().subject(owner.toString())
			.claim("team", team.toString())
			.claim("roles", List.of("admin"))
			.issuer(TestTokens.ISSUER)
			.audience(TestTokens.AUDIENCE)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
		String good = TestTokens.signer().sign(valid.build());
		assertThat(api.get("/api/contacts", good).status()).as("the control token works").isEqualTo(200);

		Map<String, String> rejected = Map.of(
				"expired", TestTokens.signer().sign(new JWTClaimsSet.Builder(valid.build())
					.expirationTime(Date.from(now.minus(Duration.ofMinutes(5))))
					.build()),
				"no expiry", TestTokens.signer().sign(new JWTClaimsSet.Builder(valid.build()).expirationTime(null).build()),
				"wrong issuer", TestTokens.signer().sign(new JWTClaimsSet.Builder(valid.build()).issuer("evil").build()),
				"wrong audience",
				TestTokens.signer().sign(new JWTClaimsSet.Builder(valid.build()).audience("other-api").build()),
				"no team", TestTokens.signer().sign(new JWTClaimsSet.Builder(valid.build()).claim("team", null).build()),
				"untrusted key", TestTokens.stranger().sign(valid.build()),
				"alg none", new com.nimbusds.jwt.PlainJWT(valid.build()).serialize(),
				"tampered", tamper(good),
				"garbage", "not-a-jwt");
		rejected.forEach((name, token) -> {
			Response response = api.get("/api/contacts", token);
			assertThat(response.status()).as(name).isEqualTo(401);
			assertThat(response.header("Content-Type")).as(name).startsWith("application/problem+json");
		});
	}

	/** Swaps the payload for one claiming another team, keeping the original signature. */
	private String tamper(String token) {
		String[] parts = token.split("\\.");
		String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
			.replace(team.toString(), UUID.randomUUID().toString());
		return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
				+ "." + parts[2];
	}

	private String create(String json) {
		Response created = api.post("/api/contacts", ownerToken, json);
		assertThat(created.status()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private List<Function<String, Response>> everyEndpoint(String id) {
		String path = "/api/contacts/" + id;
		return List.of(token -> api.get(path, token),
				token -> api.patch(path, token, "{\"company\": \"Hijacked\"}", Map.of()),
				token -> api.post(path + "/archive", token, null), token -> api.post(path + "/unarchive", token, null),
				token -> api.delete(path, token));
	}

}
