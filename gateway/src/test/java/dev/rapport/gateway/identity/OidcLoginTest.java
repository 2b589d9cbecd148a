package dev.rapport.gateway.identity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.rapport.gateway.GatewayTestConfiguration;
import dev.rapport.gateway.GatewayTestDatabase;
import dev.rapport.gateway.UpstreamStub;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browser sign-in through an OpenID Connect provider (a real HTTP server speaking the authorization-code flow, found
 * by discovery): the provider proves who is at the keyboard, and the member with that verified email is signed in,
 * with a session cookie like a password sign-in's.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(GatewayTestConfiguration.class)
class OidcLoginTest {

	static final OidcProviderStub PROVIDER = OidcProviderStub.start();

	static final String REGISTRATION = "spring.security.oauth2.client.registration.company-sso.";

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		registry.add(REGISTRATION + "client-id", () -> OidcProviderStub.CLIENT_ID);
		registry.add(REGISTRATION + "client-secret", () -> OidcProviderStub.CLIENT_SECRET);
		registry.add(REGISTRATION + "scope", () -> "openid,email");
		registry.add(REGISTRATION + "provider", () -> "company");
		registry.add("spring.security.oauth2.client.provider.company.issuer-uri", PROVIDER::issuer);
	}

	@AfterAll
	static void stopProvider() {
		PROVIDER.close();
	}

	@Autowired
	WebTestClient http;

	@Autowired
	UpstreamStub upstream;

	private final HttpClient providerSide = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@Test
	void theMemberWithTheProvidersVerifiedEmailIsSignedInWithANewSession() throws Exception {
		Browser browser = new Browser(http);
		PROVIDER.signsIn(new OidcProviderStub.User(UUID.randomUUID().toString(), GatewayTestDatabase.ADMIN_EMAIL, true));
		URI callback = callbackFromProvider(browser);
		// The session that holds the authorization request (state, nonce, PKCE verifier) while the browser is away.
		String before = browser.cookie("RAPPORT_SESSION");
		assertThat(before).isNotNull();

		EntityExchangeResult<byte[]> back = browser.get(callback, MediaType.TEXT_HTML);

		assertThat(back.getStatus()).isEqualTo(HttpStatus.FOUND);
		assertThat(back.getResponseHeaders().getLocation()).hasPath("/");
		assertThat(browser.cookie("RAPPORT_SESSION")).as("a new session id after sign-in (no fixation)")
			.isNotNull()
			.isNotEqualTo(before);
		assertThat(http.get().uri("/api/me").header(HttpHeaders.COOKIE, "RAPPORT_SESSION=" + before).exchange()
			.expectBody().returnResult().getStatus()).as("the pre-sign-in session id is not signed in")
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		String me = new String(browser.get("/api/me", MediaType.APPLICATION_JSON).getResponseBody(),
				StandardCharsets.UTF_8);
		assertThat(me).contains(GatewayTestDatabase.ADMIN_EMAIL).contains("\"admin\"");

		EntityExchangeResult<byte[]> read = browser.get("/api/contacts/after-sso", MediaType.APPLICATION_JSON);
		assertThat(read.getStatus()).isEqualTo(HttpStatus.OK);
		String forwarded = upstream.last("/api/contacts/after-sso").header(HttpHeaders.AUTHORIZATION);
		assertThat(SignedJWT.parse(forwarded.substring("Bearer ".length())).getJWTClaimsSet().getIssuer())
			.as("the service gets the gateway's platform token, not the provider's")
			.isEqualTo("rapport");
		assertThat(browser.send("POST", "/api/me/tokens", "{\"name\": \"sso\"}", false).getStatus())
			.as("a session from the provider is CSRF-protected like any other")
			.isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void someoneTheProviderKnowsButNoTeamHasAddedIsNotSignedIn() throws Exception {
		Browser browser = new Browser(http);

		EntityExchangeResult<byte[]> back = signInAtProvider(browser,
				new OidcProviderStub.User(UUID.randomUUID().toString(), "stranger@example.com", true));

		assertThat(back.getResponseHeaders().getLocation()).hasPath("/login").hasQuery("error");
		assertThat(browser.get("/api/me", MediaType.APPLICATION_JSON).getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void anUnverifiedEmailSignsNobodyIn() throws Exception {
		Browser browser = new Browser(http);

		EntityExchangeResult<byte[]> back = signInAtProvider(browser,
				new OidcProviderStub.User(UUID.randomUUID().toString(), GatewayTestDatabase.ADMIN_EMAIL, false));

		assertThat(back.getResponseHeaders().getLocation()).hasPath("/login").hasQuery("error");
		assertThat(browser.get("/api/me", MediaType.APPLICATION_JSON).getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void aCallbackThisBrowserDidNotStartIsRefused() throws Exception {
		Browser victim = new Browser(http);
		Browser attacker = new Browser(http);
		PROVIDER.signsIn(new OidcProviderStub.User(UUID.randomUUID().toString(), GatewayTestDatabase.ADMIN_EMAIL, true));
		URI callback = callbackFromProvider(attacker);

		// Login CSRF: the attacker's code, delivered to the victim's browser, must not sign the victim in.
		EntityExchangeResult<byte[]> back = victim.get(callback, MediaType.TEXT_HTML);

		assertThat(back.getResponseHeaders().getLocation()).hasPath("/login").hasQuery("error");
		assertThat(victim.get("/api/me", MediaType.APPLICATION_JSON).getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void theLoginPageOffersTheProvider() {
		String page = new String(new Browser(http).get("/login", MediaType.TEXT_HTML).getResponseBody(),
				StandardCharsets.UTF_8);

		assertThat(page).contains("/oauth2/authorization/company-sso");
	}

	/** The browser's round trip: to the gateway, to the provider (who signs {@code user} in), back to the gateway. */
	private EntityExchangeResult<byte[]> signInAtProvider(Browser browser, OidcProviderStub.User user)
			throws IOException, InterruptedException {
		PROVIDER.signsIn(user);
		URI callback = callbackFromProvider(browser);
		assertThat(callback.getRawPath()).isEqualTo("/login/oauth2/code/company-sso");
		return browser.get(callback, MediaType.TEXT_HTML);
	}

	private URI callbackFromProvider(Browser browser) throws IOException, InterruptedException {
		EntityExchangeResult<byte[]> start = browser.get("/oauth2/authorization/company-sso", MediaType.TEXT_HTML);
		assertThat(start.getStatus()).isEqualTo(HttpStatus.FOUND);
		URI authorization = start.getResponseHeaders().getLocation();
		// The stand-in refuses the code later unless the exchange proves it started this (PKCE, S256).
		assertThat(authorization.toString()).startsWith(PROVIDER.issuer() + "/authorize")
			.contains("nonce=")
			.contains("state=")
			.contains("code_challenge_method=S256");
		HttpResponse<Void> atProvider = providerSide.send(HttpRequest.newBuilder(authorization).build(),
				HttpResponse.BodyHandlers.discarding());
		assertThat(atProvider.statusCode()).isEqualTo(302);
		return URI.create(atProvider.headers().firstValue("Location").orElseThrow());
	}

}
