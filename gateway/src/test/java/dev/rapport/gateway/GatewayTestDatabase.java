package dev.rapport.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.rapport.gateway.identity.Browser;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TestInfrastructure.TestDatabase;

/**
 * The gateway's identity store on a real PostgreSQL (a fresh database per context, from the shared test
 * infrastructure), with a known first admin, and the shared test Kafka broker for the members' state it publishes.
 * Every gateway test context imports it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class GatewayTestDatabase {

	public static final String ADMIN_EMAIL = "admin@rapport.test";

	public static final String ADMIN_PASSWORD = "correct horse battery staple";

	/** The signing keys' encryption key of every test deployment (RAPPORT_KEY_ENCRYPTION_KEY): 32 bytes, base64. */
	public static final String KEY_ENCRYPTION_KEY = "s0PS6ubt0FRO0Qh4mvlyJToy9O9K40SHnwEqcwRbcIc=";

	/** Signs in as the first admin and creates a personal access token, as a user would. */
	public static String adminAccessToken(WebTestClient http, String name) {
		Browser browser = new Browser(http);
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		return browser.createAccessToken(name);
	}

	/** A client that sends the first admin's new access token with every request. */
	public static WebTestClient signedIn(WebTestClient http) {
		String token = adminAccessToken(http, "test");
		return http.mutate().defaultHeader("Authorization", "Bearer " + token).build();
	}

	@Bean(destroyMethod = "close")
	TestDatabase testDatabase() {
		return TestInfrastructure.newDatabase();
	}

	@Bean
	DynamicPropertyRegistrar gatewayTestDatabase(TestDatabase database) {
		return registry -> register(registry, database);
	}

	/**
	 * The settings of a test gateway on {@code database}: its identity store, a known first admin, and the shared test
	 * broker its outbox relay sends members' state to (started on first use).
	 */
	public static void register(DynamicPropertyRegistry registry, TestDatabase database) {
		settings(database).forEach(registry::add);
	}

	/** The same settings, by name: for a second gateway instance a test starts on the same database. */
	public static Map<String, Supplier<Object>> settings(TestDatabase database) {
		Map<String, Supplier<Object>> settings = new LinkedHashMap<>();
		settings.put("spring.datasource.url", database::jdbcUrl);
		settings.put("spring.datasource.username", () -> database.server().username());
		settings.put("spring.datasource.password", () -> database.server().password());
		settings.put("rapport.gateway.bootstrap.admin-email", () -> ADMIN_EMAIL);
		settings.put("rapport.gateway.bootstrap.admin-password", () -> ADMIN_PASSWORD);
		settings.put("rapport.gateway.signing.publish-ahead", () -> "2s");
		settings.put("rapport.gateway.signing.key-encryption-key", () -> KEY_ENCRYPTION_KEY);
		// Low enough for a test to exceed, high enough for the others never to; sign-ins are not limited here.
		settings.put("rapport.gateway.rate-limit.per-second", () -> "20");
		settings.put("rapport.gateway.rate-limit.burst", () -> "30");
		settings.put("rapport.gateway.rate-limit.logins-per-minute", () -> "100000");
		settings.put("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
		return settings;
	}

}
