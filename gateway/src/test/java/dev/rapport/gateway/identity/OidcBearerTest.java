package dev.rapport.gateway.identity;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.rapport.gateway.GatewayTestConfiguration;
import dev.rapport.gateway.GatewayTestDatabase;
import dev.rapport.gateway.UpstreamStub;
import dev.rapport.tokens.RsaKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API clients with an OIDC provider's bearer JWT: the provider (a real HTTP server publishing its JWKS) proves who
 * they are; the member with the same verified email is who they are in Rapport. Personal access tokens still work.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(GatewayTestConfiguration.class)
class OidcBearerTest {

	static final String ISSUER = "https://idp.rapport.test";

	static final OidcProviderStub PROVIDER = OidcProviderStub.start();

	static final KeyPair PROVIDER_KEY = PROVIDER.key();

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		registry.add("rapport.gateway.oidc.issuer-uri", () -> ISSUER);
		registry.add("rapport.gateway.oidc.jwk-set-uri", PROVIDER::jwksUri);
	}

	@AfterAll
	static void stopProvider() {
		PROVIDER.close();
	}

	@Autowired
	WebTestClient http;

	@org.springframework.boot.test.web.server.LocalServerPort
	int port;

	@Autowired
	UpstreamStub upstream;

	@Test
	void theMemberWithTheTokensVerifiedEmailIsTheCaller() throws Exception {
		String token = providerToken(PROVIDER_KEY, ISSUER, GatewayTestDatabase.ADMIN_EMAIL, true);

		String me = body(http.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
		assertThat(me).contains(GatewayTestDatabase.ADMIN_EMAIL);

		assertThat(status("/api/contacts/oidc", "Bearer " + token)).isEqualTo(HttpStatus.OK);
		String forwarded = upstream.last("/api/contacts/oidc").header(HttpHeaders.AUTHORIZATION);
		assertThat(forwarded).as("the gateway's platform token, not the provider's").isNotEqualTo("Bearer " + token);
		assertThat(SignedJWT.parse(forwarded.substring(7)).getJWTClaimsSet().getIssuer()).isEqualTo("rapport");
	}

	@Test
	void aProviderTokenForAnEmailNoMemberHasIsRefused() {
		assertThat(status("/api/me", "Bearer " + providerToken(PROVIDER_KEY, ISSUER, "stranger@example.com", true)))
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void anUnverifiedEmailProvesNothing() {
		assertThat(status("/api/me",
				"Bearer " + providerToken(PROVIDER_KEY, ISSUER, GatewayTestDatabase.ADMIN_EMAIL, false)))
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void aTokenFromAnotherIssuerIsRefused() {
		assertThat(status("/api/me", "Bearer "
				+ providerToken(PROVIDER_KEY, "https://elsewhere.test", GatewayTestDatabase.ADMIN_EMAIL, true)))
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void aTokenSignedWithAKeyTheProviderDoesNotPublishIsRefused() {
		assertThat(status("/api/me",
				"Bearer " + providerToken(RsaKeys.generate(), ISSUER, GatewayTestDatabase.ADMIN_EMAIL, true)))
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	/**
	 * Refusals of every kind back to back on one keep-alive connection are each answered at once: some are decided
	 * on the event loop (a bad issuer), others after a database lookup (an unknown email or access token).
	 */
	@Test
	void refusalsOfEveryKindAreAnsweredAtOnceOnOneConnection() throws Exception {
		refuseInTurn(List.of(providerToken(PROVIDER_KEY, ISSUER, "stranger@example.com", true),
				providerToken(PROVIDER_KEY, "https://elsewhere.test", GatewayTestDatabase.ADMIN_EMAIL, true),
				providerToken(PROVIDER_KEY, ISSUER, GatewayTestDatabase.ADMIN_EMAIL, false), "rpt_unknown"));
	}

	private void refuseInTurn(List<String> refused) throws Exception {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
			socket.setSoTimeout(5_000);
			for (int i = 0; i < 100; i++) {
				for (String token : refused) {
					socket.getOutputStream()
						.write(("GET /api/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
								+ "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
					assertThat(RawHttp.statusLine(socket.getInputStream())).as("answer %d", i).contains(" 401 ");
				}
			}
		}
	}

	@Test
	void personalAccessTokensWorkBesideTheProvider() {
		String token = GatewayTestDatabase.adminAccessToken(http, "beside-oidc");

		assertThat(status("/api/me", "Bearer " + token)).isEqualTo(HttpStatus.OK);
	}

	private HttpStatus status(String path, String authorization) {
		return HttpStatus.valueOf(http.get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.exchange()
			.expectBody()
			.returnResult()
			.getStatus()
			.value());
	}

	private static String body(WebTestClient.RequestHeadersSpec<?> request) {
		return new String(request.exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody(),
				StandardCharsets.UTF_8);
	}

	private static String providerToken(KeyPair key, String issuer, String email, boolean verified) {
		return PROVIDER.bearerToken(key, issuer,
				new OidcProviderStub.User(UUID.randomUUID().toString(), email, verified));
	}

}
