package dev.rapport.gateway.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

import dev.rapport.tokens.RsaKeys;
import dev.rapport.tokens.TokenSigner;

/**
 * A small OpenID Connect provider on a real HTTP port, standing in for Keycloak, Google or Okta: discovery, an
 * authorization endpoint that signs in whoever the test says is at the keyboard, the code-for-tokens exchange (with
 * client authentication, single-use codes and the nonce echoed in the ID token), userinfo and its JWKS. It can also
 * issue the bearer JWTs API clients bring.
 */
public final class OidcProviderStub implements AutoCloseable {

	public static final String CLIENT_ID = "rapport-gateway";

	public static final String CLIENT_SECRET = "gateway-secret";

	/** Who signs in at the provider: an email it vouches for, verified or not. */
	public record User(String subject, String email, boolean emailVerified) {
	}

	private record Grant(User user, String nonce, String redirectUri, String codeChallenge) {
	}

	private static final JsonMapper json = JsonMapper.builder().build();

	private final KeyPair key = RsaKeys.generate();

	private final HttpServer server;

	private final Map<String, Grant> codes = new ConcurrentHashMap<>();

	private final Map<String, User> accessTokens = new ConcurrentHashMap<>();

	private volatile User atTheKeyboard;

	private OidcProviderStub(HttpServer server) {
		this.server = server;
	}

	public static OidcProviderStub start() {
		try {
			OidcProviderStub provider = new OidcProviderStub(
					HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
			provider.server.createContext("/.well-known/openid-configuration", provider::discovery);
			provider.server.createContext("/authorize", provider::authorize);
			provider.server.createContext("/token", provider::token);
			provider.server.createContext("/userinfo", provider::userinfo);
			provider.server.createContext("/jwks", provider::jwks);
			provider.server.start();
			return provider;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String issuer() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	public String jwksUri() {
		return issuer() + "/jwks";
	}

	/** The user the next authorization request signs in (the provider's own login page, passed). */
	public void signsIn(User user) {
		this.atTheKeyboard = user;
	}

	/** A bearer JWT for an API client, signed with {@code signingKey} (the provider's own, or a stranger's). */
	public String bearerToken(KeyPair signingKey, String issuer, User user) {
		return sign(signingKey, issuer, new JWTClaimsSet.Builder().audience(CLIENT_ID), user);
	}

	public KeyPair key() {
		return key;
	}

	private String sign(KeyPair signingKey, String issuer, JWTClaimsSet.Builder claims, User user) {
		Instant now = Instant.now();
		return new TokenSigner(signingKey, "idp-1", issuer, CLIENT_ID, Clock.systemUTC())
			.sign(claims.subject(user.subject())
				.issuer(issuer)
				.claim("email", user.email())
				.claim("email_verified", user.emailVerified())
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plusSeconds(300)))
				.build());
	}

	private void discovery(HttpExchange exchange) throws IOException {
		Map<String, Object> configuration = new HashMap<>();
		configuration.put("issuer", issuer());
		configuration.put("authorization_endpoint", issuer() + "/authorize");
		configuration.put("token_endpoint", issuer() + "/token");
		configuration.put("userinfo_endpoint", issuer() + "/userinfo");
		configuration.put("jwks_uri", jwksUri());
		configuration.put("response_types_supported", new String[] { "code" });
		configuration.put("subject_types_supported", new String[] { "public" });
		configuration.put("id_token_signing_alg_values_supported", new String[] { "RS256" });
		configuration.put("scopes_supported", new String[] { "openid", "email", "profile" });
		configuration.put("token_endpoint_auth_methods_supported", new String[] { "client_secret_basic" });
		respond(exchange, 200, json.writeValueAsString(configuration));
	}

	/** Signs in whoever is at the keyboard and sends the browser back to the client with a code. */
	private void authorize(HttpExchange exchange) throws IOException {
		Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
		User user = atTheKeyboard;
		if (!CLIENT_ID.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))
				|| query.get("redirect_uri") == null || user == null
				|| (query.containsKey("code_challenge") && !"S256".equals(query.get("code_challenge_method")))) {
			respond(exchange, 400, "{\"error\": \"invalid_request\"}");
			return;
		}
		String code = UUID.randomUUID().toString();
		codes.put(code, new Grant(user, query.get("nonce"), query.get("redirect_uri"), query.get("code_challenge")));
		exchange.getResponseHeaders()
			.set("Location", query.get("redirect_uri") + "?code=" + code + "&state="
					+ URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
		exchange.sendResponseHeaders(302, -1);
		exchange.close();
	}

	/** A code, once, for the client that proves it is the client: an access token and a signed ID token. */
	private void token(HttpExchange exchange) throws IOException {
		String expected = "Basic " + Base64.getEncoder()
			.encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
		if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			respond(exchange, 401, "{\"error\": \"invalid_client\"}");
			return;
		}
		Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		Grant grant = form.get("code") == null ? null : codes.remove(form.get("code"));
		if (!"authorization_code".equals(form.get("grant_type")) || grant == null
				|| !grant.redirectUri().equals(form.get("redirect_uri")) || !proofMatches(grant, form.get("code_verifier"))) {
			respond(exchange, 400, "{\"error\": \"invalid_grant\"}");
			return;
		}
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().audience(CLIENT_ID);
		if (grant.nonce() != null) {
			claims.claim("nonce", grant.nonce());
		}
		String accessToken = UUID.randomUUID().toString();
		accessTokens.put(accessToken, grant.user());
		respond(exchange, 200, json.writeValueAsString(Map.of("access_token", accessToken, "token_type", "Bearer",
				"expires_in", 300, "scope", "openid email", "id_token", sign(key, issuer(), claims, grant.user()))));
	}

	/** PKCE: with a challenge at authorization, the exchange must bring the verifier whose SHA-256 it was. */
	private static boolean proofMatches(Grant grant, String verifier) {
		if (grant.codeChallenge() == null) {
			return true;
		}
		if (verifier == null) {
			return false;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).equals(grant.codeChallenge());
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private void userinfo(HttpExchange exchange) throws IOException {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		User user = authorization == null ? null : accessTokens.get(authorization.replaceFirst("^Bearer ", ""));
		if (user == null) {
			respond(exchange, 401, "{\"error\": \"invalid_token\"}");
			return;
		}
		respond(exchange, 200, json.writeValueAsString(
				Map.of("sub", user.subject(), "email", user.email(), "email_verified", user.emailVerified())));
	}

	private void jwks(HttpExchange exchange) throws IOException {
		respond(exchange, 200, new JWKSet(new RSAKey.Builder((RSAPublicKey) key.getPublic()).keyID("idp-1")
			.algorithm(JWSAlgorithm.RS256)
			.build()).toString(true));
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private static Map<String, String> form(String encoded) {
		Map<String, String> values = new HashMap<>();
		if (encoded != null && !encoded.isEmpty()) {
			for (String pair : encoded.split("&")) {
				int equals = pair.indexOf('=');
				values.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
						equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return values;
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
