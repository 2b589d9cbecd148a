package dev.rapport.gateway.identity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.rapport.gateway.GatewayApplication;
import dev.rapport.gateway.GatewayTestDatabase;
import dev.rapport.gateway.ratelimit.TestRedis;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TestInfrastructure.TestDatabase;

import static dev.rapport.gateway.GatewayTestDatabase.ADMIN_EMAIL;
import static dev.rapport.gateway.GatewayTestDatabase.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Gateway instances of one deployment (one identity database, one real Redis) share browser sessions: a browser
 * signed in on one is served by another, a sign-out on any ends the session on all, a member removed on one is signed
 * out on the other, and a session outlives a restart. While Redis is away, sessions answer 503 and tokens work.
 * Each instance is a whole gateway application on its own random port, started as a deployment starts it.
 */
class SharedSessionsTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static TestDatabase database;

	private static TestRedis redis;

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@BeforeAll
	static void deployment() {
		database = TestInfrastructure.newDatabase();
		redis = TestRedis.start();
	}

	@AfterAll
	static void tearDown() {
		redis.close();
		database.close();
	}

	@AfterEach
	void stopInstances() {
		instances.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void aBrowserSignedInOnOneInstanceIsServedByAnotherAndSigningOutThereEndsItEverywhere() {
		ConfigurableApplicationContext first = startInstance();
		ConfigurableApplicationContext second = startInstance();
		Browser onFirst = new Browser(client(first));

		EntityExchangeResult<byte[]> signIn = onFirst.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);

		assertThat(signIn.getStatus()).isEqualTo(HttpStatus.FOUND);
		String setCookie = signIn.getResponseHeaders()
			.getValuesAsList(HttpHeaders.SET_COOKIE)
			.stream()
			.filter(header -> header.startsWith("RAPPORT_SESSION="))
			.findFirst()
			.orElseThrow();
		assertThat(setCookie).as("Spring Session's cookie, with server.reactive.session's settings")
			.containsIgnoringCase("; Path=/")
			.containsIgnoringCase("; HttpOnly")
			.containsIgnoringCase("; SameSite=Lax")
			.containsIgnoringCase("; Secure")
			.doesNotContain("Max-Age");
		String session = onFirst.cookie("RAPPORT_SESSION");

		Browser onSecond = onFirst.on(client(second));
		EntityExchangeResult<byte[]> me = onSecond.get("/api/me", MediaType.APPLICATION_JSON);
		assertThat(me.getStatus()).as("the other instance serves the session").isEqualTo(HttpStatus.OK);
		assertThat(body(me).get("email").asString()).isEqualTo(ADMIN_EMAIL);
		ReactiveSessionRepository<?> sessions = second.getBean(ReactiveSessionRepository.class);
		Session stored = sessions.findById(session).block();
		assertThat(stored).as("the session, in Redis").isNotNull();
		assertThat(stored.getMaxInactiveInterval()).as("RAPPORT_SESSION_TIMEOUT").isEqualTo(Duration.ofMinutes(45));

		String email = "leaving+" + UUID.randomUUID() + "@example.com";
		JsonNode added = body(onFirst.send("POST", "/api/team/members",
				"{\"email\": \"%s\", \"displayName\": \"Leaving\"}".formatted(email), true));
		Browser leaving = new Browser(client(second));
		leaving.signIn(email, added.get("temporaryPassword").asString());
		String leavingSession = leaving.cookie("RAPPORT_SESSION");
		assertThat(meWith(second, leavingSession)).isEqualTo(HttpStatus.OK);
		assertThat(onFirst.send("DELETE", "/api/team/members/" + added.get("member").get("id").asString(), null, true)
			.getStatus()).isEqualTo(HttpStatus.NO_CONTENT);
		// Removed on the first instance: the second reads the member again within MemberSessions.CHECKED_FOR.
		await().atMost(Duration.ofSeconds(30)).until(() -> meWith(second, leavingSession) == HttpStatus.UNAUTHORIZED);
		assertThat(meWith(first, leavingSession)).isEqualTo(HttpStatus.UNAUTHORIZED);

		EntityExchangeResult<byte[]> signOut = onSecond.send("POST", "/logout", null, true);
		assertThat(signOut.getResponseHeaders().getLocation()).hasToString("/login?logout");

		assertThat(meWith(first, session)).as("signed out on the other instance: the first no longer takes the cookie")
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(meWith(second, session)).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void aSessionOutlivesARestartOfTheGateway() {
		ConfigurableApplicationContext before = startInstance();
		Browser browser = new Browser(client(before));
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		String session = browser.cookie("RAPPORT_SESSION");
		assertThat(meWith(before, session)).isEqualTo(HttpStatus.OK);
		before.close();

		ConfigurableApplicationContext after = startInstance();

		assertThat(meWith(after, session)).as("the same session after the restart").isEqualTo(HttpStatus.OK);
	}

	@Test
	void withoutRedisSessionsAnswer503AndAccessTokensKeepWorking() {
		ConfigurableApplicationContext gateway = startInstance();
		Browser browser = new Browser(client(gateway));
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		String token = browser.createAccessToken("outage");
		String session = browser.cookie("RAPPORT_SESSION");

		redis.takeAway();
		try {
			EntityExchangeResult<byte[]> me = client(gateway).get()
				.uri("/api/me")
				.header(HttpHeaders.COOKIE, "RAPPORT_SESSION=" + session)
				.exchange()
				.expectBody()
				.returnResult();
			assertThat(me.getStatus()).as("a session that cannot be read").isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(me.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(me.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
			assertThat(body(me).get("detail").asString()).contains("session store");

			EntityExchangeResult<byte[]> signIn = new Browser(client(gateway)).signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
			assertThat(signIn.getStatus()).as("a sign-in that cannot store its session")
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(signIn.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

			assertThat(client(gateway).get()
				.uri("/api/me")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchange()
				.expectBody()
				.returnResult()
				.getStatus()).as("an access token needs no session").isEqualTo(HttpStatus.OK);
		}
		finally {
			redis.bringBack();
		}
		Browser again = new Browser(client(gateway));
		again.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		assertThat(again.get("/api/me", MediaType.APPLICATION_JSON).getStatus()).as("Redis is back")
			.isEqualTo(HttpStatus.OK);
	}

	/** A gateway instance of the deployment, as its environment would configure it. */
	private ConfigurableApplicationContext startInstance() {
		ConfigurableApplicationContext instance = new SpringApplicationBuilder(GatewayApplication.class).run(
				"--server.port=0", "--management.server.port=0", "--spring.jmx.enabled=false",
				"--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=" + database.server().username(),
				"--spring.datasource.password=" + database.server().password(),
				"--rapport.gateway.bootstrap.admin-email=" + ADMIN_EMAIL,
				"--rapport.gateway.bootstrap.admin-password=" + ADMIN_PASSWORD,
				"--rapport.gateway.rate-limit.logins-per-minute=100000",
				"--rapport.gateway.signing.key-encryption-key=" + GatewayTestDatabase.KEY_ENCRYPTION_KEY,
				// RAPPORT_REDIS_URL, RAPPORT_COOKIE_SECURE, RAPPORT_SESSION_TIMEOUT
				"--spring.data.redis.url=" + redis.url(), "--server.reactive.session.cookie.secure=true",
				"--server.reactive.session.timeout=45m");
		instances.add(instance);
		return instance;
	}

	private static WebTestClient client(ConfigurableApplicationContext instance) {
		int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
	}

	private static HttpStatus meWith(ConfigurableApplicationContext instance, String session) {
		return HttpStatus.valueOf(client(instance).get()
			.uri("/api/me")
			.header(HttpHeaders.COOKIE, "RAPPORT_SESSION=" + session)
			.exchange()
			.expectBody()
			.returnResult()
			.getStatus()
			.value());
	}

	private static JsonNode body(EntityExchangeResult<byte[]> result) {
		return json.readTree(new String(result.getResponseBody(), StandardCharsets.UTF_8));
	}

}
