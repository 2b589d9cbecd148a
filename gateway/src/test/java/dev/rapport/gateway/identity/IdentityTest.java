package dev.rapport.gateway.identity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.rapport.gateway.GatewayIntegrationTest;
import dev.rapport.gateway.UpstreamStub;
import dev.rapport.gateway.signing.SigningKeys;

import static dev.rapport.gateway.GatewayTestDatabase.ADMIN_EMAIL;
import static dev.rapport.gateway.GatewayTestDatabase.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sign-in, sessions, CSRF, personal access tokens, members and teams, and the platform token the gateway forwards:
 * over HTTP against the running gateway and its real database.
 */
@GatewayIntegrationTest
class IdentityTest {

	@Autowired
	WebTestClient http;

	@Autowired
	UpstreamStub upstream;

	@Autowired
	ObjectMapper json;

	@Autowired
	SigningKeys signingKeys;

	@Test
	void theFirstAdminSignsInAndTheSessionIdChangesAtSignIn() {
		Browser browser = new Browser(http);
		// A page that needs sign-in: the gateway remembers it in a session, then sends the browser to log in.
		assertThat(browser.get("/account/settings", MediaType.TEXT_HTML).getResponseHeaders().getLocation())
			.hasToString("/login");
		String before = browser.cookie("RAPPORT_SESSION");
		assertThat(before).as("a session exists before sign-in").isNotNull();

		EntityExchangeResult<byte[]> login = browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);

		assertThat(login.getStatus()).isEqualTo(HttpStatus.FOUND);
		assertThat(login.getResponseHeaders().getLocation().getPath()).as("back where the browser was going")
			.isEqualTo("/account/settings");
		assertThat(browser.cookie("RAPPORT_SESSION")).as("a new session id after sign-in (no fixation)")
			.isNotNull()
			.isNotEqualTo(before);
		assertThat(http.get().uri("/api/me").header(HttpHeaders.COOKIE, "RAPPORT_SESSION=" + before).exchange()
			.expectBody().returnResult().getStatus()).as("the pre-login session id is not signed in")
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		EntityExchangeResult<byte[]> meAnswer = browser.get("/api/me", MediaType.APPLICATION_JSON);
		assertThat(meAnswer.getResponseHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(meAnswer.getResponseHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
		assertThat(meAnswer.getResponseHeaders().getCacheControl()).contains("no-store");
		JsonNode me = body(meAnswer);
		assertThat(me.get("email").asString()).isEqualTo(ADMIN_EMAIL);
		assertThat(me.get("roles").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("admin",
				"operator");
	}

	@Test
	void theSignInPageIsAFormCarryingTheCsrfToken() {
		Browser browser = new Browser(http);

		EntityExchangeResult<byte[]> page = browser.get("/login", MediaType.TEXT_HTML);

		assertThat(page.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(page.getResponseHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
		assertThat(page.getResponseHeaders().getFirst("Referrer-Policy"))
			.as("so the browser's form post carries our origin: under no-referrer Chromium sends Origin: null, "
					+ "which the CORS filter refuses (403)")
			.isEqualTo("same-origin");
		String html = new String(page.getResponseBody(), StandardCharsets.UTF_8);
		assertThat(html).contains("<form", "name=\"username\"", "name=\"password\"")
			.contains("value=\"" + browser.cookie("XSRF-TOKEN") + "\"")
			.doesNotContain("/oauth2/authorization/");
		assertThat(new String(browser.get("/login?error", MediaType.TEXT_HTML).getResponseBody(),
				StandardCharsets.UTF_8)).as("after a failed sign-in").contains("Invalid credentials");
		EntityExchangeResult<byte[]> stylesheet = browser.get("/default-ui.css", MediaType.ALL);
		assertThat(stylesheet.getStatus()).as("the page's stylesheet, served without signing in").isEqualTo(HttpStatus.OK);
		assertThat(stylesheet.getResponseHeaders().getContentType().isCompatibleWith(MediaType.valueOf("text/css")))
			.isTrue();
	}

	@Test
	void aWrongPasswordDoesNotSignIn() {
		Browser browser = new Browser(http);

		EntityExchangeResult<byte[]> login = browser.signIn(ADMIN_EMAIL, "not the password");

		assertThat(login.getResponseHeaders().getLocation().toString()).startsWith("/login?error");
		assertThat(browser.get("/api/me", MediaType.APPLICATION_JSON).getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void aSessionsStateChangingRequestsNeedTheCsrfToken() {
		Browser browser = new Browser(http);
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);

		EntityExchangeResult<byte[]> forged = browser.send("POST", "/api/me/tokens", "{\"name\": \"forged\"}", false);
		assertThat(forged.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(forged.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(body(forged).get("detail").asString()).contains("CSRF");

		assertThat(http.post().uri("/api/me/tokens").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
			.expectBody().returnResult().getStatus()).as("without a session or token: unauthenticated, not a CSRF issue")
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		EntityExchangeResult<byte[]> real = browser.send("POST", "/api/me/tokens", "{\"name\": \"real\"}", true);
		assertThat(real.getStatus()).isEqualTo(HttpStatus.CREATED);
		assertThat(body(browser.get("/api/me/tokens", MediaType.APPLICATION_JSON)).valueStream()
			.map(token -> token.get("name").asString())).contains("real").doesNotContain("forged");
	}

	@Test
	void signingOutEndsTheSession() {
		Browser browser = new Browser(http);
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		String session = browser.cookie("RAPPORT_SESSION");

		EntityExchangeResult<byte[]> logout = browser.send("POST", "/logout", null, true);

		assertThat(logout.getResponseHeaders().getLocation()).hasToString("/login?logout");
		assertThat(http.get()
			.uri("/api/me")
			.header(HttpHeaders.COOKIE, "RAPPORT_SESSION=" + session)
			.exchange()
			.expectBody()
			.returnResult()
			.getStatus()).as("the old session cookie no longer works").isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void anAccessTokenIsShownOnceWorksUntilRevokedAndNeverReachesAService() throws Exception {
		Browser browser = new Browser(http);
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		JsonNode created = body(browser.send("POST", "/api/me/tokens", "{\"name\": \"laptop\", \"expiresInDays\": 30}",
				true));
		String secret = created.get("token").asString();
		String id = created.get("details").get("id").asString();
		assertThat(secret).startsWith("rpt_");
		JsonNode listed = body(browser.get("/api/me/tokens", MediaType.APPLICATION_JSON));
		assertThat(listed.toString()).as("the secret is shown once only").doesNotContain(secret);
		assertThat(listed.valueStream().filter(token -> token.get("id").asString().equals(id)).findFirst().orElseThrow()
			.get("status").asString()).isEqualTo("ACTIVE");

		assertThat(status(http.get().uri("/api/contacts/abc").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret)
			.header(HttpHeaders.COOKIE, "tracking=1").header("X-User-Id", "forged")))
			.isEqualTo(HttpStatus.OK);
		UpstreamStub.Received forwarded = upstream.last("/api/contacts/abc");
		String platformToken = forwarded.header(HttpHeaders.AUTHORIZATION).substring("Bearer ".length());
		assertThat(platformToken).as("the caller's credential stays at the gateway").doesNotContain("rpt_");
		assertThat(forwarded.header(HttpHeaders.COOKIE)).isNull();
		SignedJWT jwt = verifiedAgainstJwks(platformToken);
		JsonNode me = body(browser.get("/api/me", MediaType.APPLICATION_JSON));
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(me.get("id").asString());
		assertThat(jwt.getJWTClaimsSet().getStringClaim("team")).isEqualTo(me.get("teamId").asString());
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("rapport-api");
		assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant())
			.isBefore(java.time.Instant.now().plus(Duration.ofMinutes(6)));

		assertThat(browser.send("DELETE", "/api/me/tokens/" + id, null, true).getStatus())
			.isEqualTo(HttpStatus.NO_CONTENT);
		EntityExchangeResult<byte[]> revoked = http.get().uri("/api/contacts/abc")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + secret).exchange().expectBody().returnResult();
		assertThat(revoked.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(revoked.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void withoutValidCredentialsAnApiCallIs401AndABrowserIsSentToLogin() {
		for (String authorization : List.of("", "Bearer rpt_unknown", "Bearer eyJhbGciOiJub25lIn0.e30.",
				"Basic YWRtaW46YWRtaW4=")) {
			WebTestClient.RequestHeadersSpec<?> request = http.get().uri("/api/contacts");
			if (!authorization.isEmpty()) {
				request = request.header(HttpHeaders.AUTHORIZATION, authorization);
			}
			EntityExchangeResult<byte[]> answer = request.exchange().expectBody().returnResult();
			assertThat(answer.getStatus()).as(authorization).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
		long reached = upstream.count("/api/contacts");
		assertThat(reached).as("no unauthenticated request reached a service").isZero();

		EntityExchangeResult<byte[]> page = http.get().uri("/somewhere").accept(MediaType.TEXT_HTML).exchange()
			.expectBody().returnResult();
		assertThat(page.getStatus()).isEqualTo(HttpStatus.FOUND);
		assertThat(page.getResponseHeaders().getLocation()).hasToString("/login");
	}

	@Test
	void adminsManageMembersAndMembersCannot() {
		Browser admin = new Browser(http);
		admin.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		String email = "ada+" + UUID.randomUUID() + "@example.com";

		EntityExchangeResult<byte[]> added = admin.send("POST", "/api/team/members",
				"{\"email\": \"%s\", \"displayName\": \"Ada\"}".formatted(email), true);
		assertThat(added.getStatus()).isEqualTo(HttpStatus.CREATED);
		JsonNode member = body(added);
		String temporaryPassword = member.get("temporaryPassword").asString();
		assertThat(member.get("member").get("roles").valueStream().map(JsonNode::asString)).containsExactly("member");
		assertThat(admin.send("POST", "/api/team/members",
				"{\"email\": \"%s\", \"displayName\": \"Ada again\"}".formatted(email.toUpperCase()), true).getStatus())
			.as("emails are unique, whatever their case").isEqualTo(HttpStatus.CONFLICT);

		Browser ada = new Browser(http);
		assertThat(ada.signIn(email, temporaryPassword).getResponseHeaders().getLocation()).hasToString("/");
		EntityExchangeResult<byte[]> denied = ada.send("POST", "/api/team/members",
				"{\"email\": \"x@example.com\", \"displayName\": \"X\"}", true);
		assertThat(denied.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(ada.send("POST", "/api/teams", "{\"name\": \"Mine\", \"admin\": {\"email\": \"y@example.com\", "
				+ "\"displayName\": \"Y\"}}", true).getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		String adaToken = body(ada.send("POST", "/api/me/tokens", "{\"name\": \"cli\"}", true)).get("token").asString();
		assertThat(body(ada.get("/api/team/members", MediaType.APPLICATION_JSON)).valueStream()
			.map(found -> found.get("email").asString())).contains(ADMIN_EMAIL, email);

		String adaId = member.get("member").get("id").asString();
		assertThat(status(http.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + adaToken)))
			.as("her token works (and the gateway now remembers it)").isEqualTo(HttpStatus.OK);
		assertThat(admin.send("DELETE", "/api/team/members/" + adaId, null, true).getStatus())
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(status(http.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + adaToken)))
			.as("a removed member's tokens stop working").isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(admin.send("DELETE", "/api/team/members/" + adaId, null, true).getStatus())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void aMemberReplacesTheTemporaryPasswordWithTheirOwn() {
		Browser admin = new Browser(http);
		admin.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		String email = "grace+" + UUID.randomUUID() + "@example.com";
		String temporary = addMember(admin, email, "Grace").get("temporaryPassword").asString();
		Browser grace = new Browser(http);
		grace.signIn(email, temporary);
		Browser elsewhere = new Browser(http);
		elsewhere.signIn(email, temporary);
		Browser stolen = new Browser(http);
		stolen.signIn(email, temporary);
		String token = grace.createAccessToken("kept");
		String change = "{\"currentPassword\": \"%s\", \"newPassword\": \"%s\"}";

		EntityExchangeResult<byte[]> wrong = grace.send("POST", "/api/me/password",
				change.formatted("not it at all", "a long new passphrase"), true);
		assertThat(wrong.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(body(wrong).get("errors").valueStream().map(error -> error.get("field").asString()))
			.containsExactly("currentPassword");
		EntityExchangeResult<byte[]> tooShort = grace.send("POST", "/api/me/password",
				change.formatted(temporary, "short"), true);
		assertThat(body(tooShort).get("errors").valueStream().map(error -> error.get("field").asString()))
			.containsExactly("newPassword");
		assertThat(grace.send("POST", "/api/me/password", change.formatted(temporary, "a long new passphrase"), false)
			.getStatus()).as("a session's change needs the CSRF token").isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(new Browser(http).signIn(email, temporary).getResponseHeaders().getLocation())
			.as("refused attempts changed nothing")
			.hasToString("/");

		assertThat(elsewhere.get("/api/me", MediaType.APPLICATION_JSON).getStatus()).isEqualTo(HttpStatus.OK);

		assertThat(grace.send("POST", "/api/me/password", change.formatted(temporary, "a long new passphrase"), true)
			.getStatus()).isEqualTo(HttpStatus.NO_CONTENT);

		assertThat(grace.get("/api/me", MediaType.APPLICATION_JSON).getStatus()).as("the session that changed it")
			.isEqualTo(HttpStatus.OK);
		assertThat(elsewhere.get("/api/me", MediaType.APPLICATION_JSON).getStatus())
			.as("a session signed in with the old password ends")
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(status(http.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)))
			.as("access tokens are not passwords: they keep working")
			.isEqualTo(HttpStatus.OK);
		assertThat(http.post()
			.uri("/api/me/password")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header(HttpHeaders.COOKIE, "RAPPORT_SESSION=" + stolen.cookie("RAPPORT_SESSION"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(change.formatted("a long new passphrase", "another long passphrase"))
			.exchange()
			.expectBody()
			.returnResult()
			.getStatus()).as("a change made with a token").isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(stolen.get("/api/me", MediaType.APPLICATION_JSON).getStatus())
			.as("an old session cookie sent along with a token is not signed in again by the change")
			.isEqualTo(HttpStatus.UNAUTHORIZED);

		assertThat(new Browser(http).signIn(email, temporary).getResponseHeaders().getLocation().toString())
			.startsWith("/login?error");
		Browser again = new Browser(http);
		assertThat(again.signIn(email, "another long passphrase").getResponseHeaders().getLocation())
			.hasToString("/");
		assertThat(again.get("/api/me", MediaType.APPLICATION_JSON).getStatus())
			.as("a session signed in after the change stands").isEqualTo(HttpStatus.OK);
	}

	@Test
	void aRemovedMembersSessionStopsWorkingAtOnce() {
		Browser admin = new Browser(http);
		admin.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		String email = "leaving+" + UUID.randomUUID() + "@example.com";
		JsonNode added = addMember(admin, email, "Leaving");
		Browser leaving = new Browser(http);
		leaving.signIn(email, added.get("temporaryPassword").asString());
		String path = "/api/contacts/after-removal-" + UUID.randomUUID();
		assertThat(leaving.get(path, MediaType.APPLICATION_JSON).getStatus()).isEqualTo(HttpStatus.OK);

		assertThat(admin.send("DELETE", "/api/team/members/" + added.get("member").get("id").asString(), null, true)
			.getStatus()).isEqualTo(HttpStatus.NO_CONTENT);

		assertThat(leaving.get(path, MediaType.APPLICATION_JSON).getStatus())
			.as("no platform token for a member who is gone").isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(upstream.count(path)).as("only the call before the removal reached the service").isEqualTo(1);
		assertThat(leaving.get("/api/me", MediaType.APPLICATION_JSON).getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void anAdminMakesAMemberAdminAndBackButNeverLeavesTheTeamWithoutOne() {
		// A team of its own, so the shared first admin's role is never touched.
		Browser operator = new Browser(http);
		operator.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		String otherTeamsAdminId = body(operator.get("/api/me", MediaType.APPLICATION_JSON)).get("id").asString();
		String leadEmail = "lead+" + UUID.randomUUID() + "@example.com";
		JsonNode team = body(operator.send("POST", "/api/teams", ("{\"name\": \"Roles\", \"admin\": {\"email\": \"%s\", "
				+ "\"displayName\": \"Lead\", \"password\": \"lead passphrase 1\"}}").formatted(leadEmail), true));
		String leadId = team.get("admin").get("member").get("id").asString();
		Browser lead = new Browser(http);
		lead.signIn(leadEmail, "lead passphrase 1");
		String email = "promoted+" + UUID.randomUUID() + "@example.com";
		JsonNode added = body(lead.send("POST", "/api/team/members",
				"{\"email\": \"%s\", \"displayName\": \"Promoted\", \"password\": \"promoted passphrase\"}"
					.formatted(email), true));
		String id = added.get("member").get("id").asString();
		Browser promoted = new Browser(http);
		promoted.signIn(email, "promoted passphrase");
		String token = promoted.createAccessToken("before");
		assertThat(promoted.send("PUT", "/api/team/members/" + leadId + "/role", "{\"role\": \"MEMBER\"}", true)
			.getStatus()).as("a member changes nobody's role").isEqualTo(HttpStatus.FORBIDDEN);

		EntityExchangeResult<byte[]> promotion = lead.send("PUT", "/api/team/members/" + id + "/role",
				"{\"role\": \"ADMIN\"}", true);

		assertThat(promotion.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(body(promotion).get("roles").valueStream().map(JsonNode::asString))
			.containsExactlyInAnyOrder("admin", "member");
		assertThat(promoted.get("/api/me", MediaType.APPLICATION_JSON).getStatus())
			.as("a session signed in with the old role ends").isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(body(http.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
			.expectBody().returnResult()).get("roles").valueStream().map(JsonNode::asString))
			.as("a token carries the new role at once").contains("admin");

		assertThat(lead.send("PUT", "/api/team/members/" + leadId + "/role", "{\"role\": \"MEMBER\"}", true)
			.getStatus()).as("with two admins, one may step down").isEqualTo(HttpStatus.OK);
		assertThat(lead.get("/api/team/members", MediaType.APPLICATION_JSON).getStatus())
			.as("their admin session ends with it").isEqualTo(HttpStatus.UNAUTHORIZED);
		Browser newLead = new Browser(http);
		newLead.signIn(email, "promoted passphrase");
		assertThat(newLead.send("PUT", "/api/team/members/" + id + "/role", "{\"role\": \"MEMBER\"}", true)
			.getStatus()).as("the last admin stays").isEqualTo(HttpStatus.CONFLICT);
		assertThat(newLead.send("PUT", "/api/team/members/" + leadId + "/role", "{\"role\": \"OWNER\"}", true)
			.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(newLead.send("PUT", "/api/team/members/" + otherTeamsAdminId + "/role",
				"{\"role\": \"MEMBER\"}", true).getStatus()).as("another team's member").isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(newLead.send("PUT", "/api/team/members/" + leadId + "/role", "{\"role\": \"ADMIN\"}", true)
			.getStatus()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void badMemberRequestsNameTheFieldsAtFault() {
		Browser admin = new Browser(http);
		admin.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);

		EntityExchangeResult<byte[]> invalid = admin.send("POST", "/api/team/members",
				"{\"email\": \"not an email\", \"displayName\": \"\", \"password\": \"short\"}", true);

		assertThat(invalid.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		JsonNode problem = body(invalid);
		assertThat(problem.get("type").asString()).isEqualTo("https://rapport.dev/problems/validation");
		assertThat(problem.get("errors").valueStream().map(error -> error.get("field").asString()))
			.containsExactly("displayName", "email", "password");
		assertThat(admin.send("POST", "/api/team/members", "{\"email\": ", true).getStatus())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(admin.send("POST", "/api/team/members",
				"{\"email\": \"z@example.com\", \"displayName\": \"Z\", \"teamId\": \"%s\"}".formatted(UUID.randomUUID()),
				true).getStatus()).as("a team id in the body is refused, not obeyed").isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void theLastAdminCannotBeRemoved() {
		Browser admin = new Browser(http);
		admin.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		String adminId = body(admin.get("/api/me", MediaType.APPLICATION_JSON)).get("id").asString();

		EntityExchangeResult<byte[]> refused = admin.send("DELETE", "/api/team/members/" + adminId, null, true);

		assertThat(refused.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(admin.get("/api/me", MediaType.APPLICATION_JSON).getStatus()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void anOperatorCreatesATeamWhoseAdminSignsTokensForThatTeamOnly() throws Exception {
		Browser operator = new Browser(http);
		operator.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		String email = "lead+" + UUID.randomUUID() + "@example.com";

		EntityExchangeResult<byte[]> created = operator.send("POST", "/api/teams",
				"{\"name\": \"Research\", \"admin\": {\"email\": \"%s\", \"displayName\": \"Lead\", \"password\": \"%s\"}}"
					.formatted(email, "a long enough password"),
				true);

		assertThat(created.getStatus()).isEqualTo(HttpStatus.CREATED);
		String teamId = body(created).get("team").get("id").asString();
		Browser lead = new Browser(http);
		lead.signIn(email, "a long enough password");
		String token = body(lead.send("POST", "/api/me/tokens", "{\"name\": \"cli\"}", true)).get("token").asString();
		assertThat(status(http.get().uri("/api/relationships").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)))
			.isEqualTo(HttpStatus.OK);
		SignedJWT jwt = verifiedAgainstJwks(
				upstream.last("/api/relationships").header(HttpHeaders.AUTHORIZATION).substring(7));
		assertThat(jwt.getJWTClaimsSet().getStringClaim("team")).isEqualTo(teamId);
		assertThat(body(lead.get("/api/team/members", MediaType.APPLICATION_JSON)).valueStream()
			.map(member -> member.get("email").asString())).as("another team's members are not listed")
			.containsExactly(email);
		assertThat(status(http.get().uri("/api/teams").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)))
			.as("a team admin is no operator").isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void aRotatedKeyIsPublishedBeforeItSignsAndTheOldOneStaysPublished() throws Exception {
		Browser operator = new Browser(http);
		operator.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		String token = body(operator.send("POST", "/api/me/tokens", "{\"name\": \"rotation\"}", true)).get("token")
			.asString();
		String before = forwardedKeyId(token);

		JsonNode next = body(operator.send("POST", "/api/admin/signing-keys/rotate", null, true));
		String nextKid = next.get("kid").asString();

		assertThat(next.get("state").asString()).isEqualTo("NEXT");
		assertThat(jwks().getKeys()).extracting(key -> key.getKeyID()).contains(before, nextKid);
		assertThat(forwardedKeyId(token)).as("the old key signs until the new one is known").isEqualTo(before);
		await().atMost(Duration.ofSeconds(10)).until(() -> forwardedKeyId(token).equals(nextKid));
		assertThat(jwks().getKeys()).extracting(key -> key.getKeyID())
			.as("tokens the old key signed stay verifiable until they expire")
			.contains(before, nextKid);
	}

	private String forwardedKeyId(String accessToken) throws Exception {
		assertThat(status(http.get().uri("/api/reminders").header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)))
			.isEqualTo(HttpStatus.OK);
		SignedJWT jwt = verifiedAgainstJwks(upstream.last("/api/reminders").header(HttpHeaders.AUTHORIZATION).substring(7));
		return jwt.getHeader().getKeyID();
	}

	private SignedJWT verifiedAgainstJwks(String token) throws Exception {
		SignedJWT jwt = SignedJWT.parse(token);
		RSAKey key = (RSAKey) jwks().getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(key).as("the signing key %s is in the JWKS", jwt.getHeader().getKeyID()).isNotNull();
		assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
		return jwt;
	}

	private JWKSet jwks() throws Exception {
		byte[] body = http.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk().expectBody()
			.returnResult().getResponseBody();
		return JWKSet.parse(new String(body, StandardCharsets.UTF_8));
	}

	private static HttpStatus status(WebTestClient.RequestHeadersSpec<?> request) {
		return HttpStatus.valueOf(request.exchange().expectBody().returnResult().getStatus().value());
	}

	/** The admin's answer for a new member with a temporary password: the member, and that password. */
	private JsonNode addMember(Browser admin, String email, String displayName) {
		return body(admin.send("POST", "/api/team/members",
				"{\"email\": \"%s\", \"displayName\": \"%s\"}".formatted(email, displayName), true));
	}

	private JsonNode body(EntityExchangeResult<byte[]> result) {
		assertThat(result.getResponseBody()).as("a body from %s", result.getUrl()).isNotNull();
		return json.readTree(result.getResponseBody());
	}


}
