package dev.rapport.gateway.ratelimit;

import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.rapport.gateway.GatewayApplication;
import dev.rapport.gateway.ConcurrentClients;
import dev.rapport.gateway.GatewayIntegrationTest;
import dev.rapport.gateway.GatewayTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway instances of one deployment (one identity database, one Redis): a token's budget is the same whichever
 * instance serves it. Bursts of 30 and one request a second after that: two budgets of their own would allow about
 * twice as many as one shared budget, however long the requests take.
 */
@GatewayIntegrationTest
@Import(SharedRateLimitTest.SharedRedis.class)
class SharedRateLimitTest {

	/** What the second instance needs to be the same deployment as the first. */
	private static final List<String> DEPLOYMENT_SETTINGS = List.of("spring.datasource.url",
			"spring.datasource.username", "spring.datasource.password", "rapport.gateway.bootstrap.admin-email",
			"rapport.gateway.bootstrap.admin-password", "rapport.gateway.signing.key-encryption-key", "rapport.gateway.rate-limit.per-second",
			"rapport.gateway.rate-limit.burst", "rapport.gateway.rate-limit.logins-per-minute",
			"rapport.gateway.rate-limit.redis-url", "rapport.gateway.rate-limit.redis-timeout", "CONTACTS_URI",
			"INTERACTIONS_URI", "REMINDERS_URI", "ANALYTICS_URI");

	@TestConfiguration(proxyBeanMethods = false)
	static class SharedRedis {

		@Bean(destroyMethod = "close")
		TestRedis redis() {
			return TestRedis.start();
		}

		@Bean
		DynamicPropertyRegistrar sharedRateLimits(TestRedis redis) {
			return registry -> {
				registry.add("rapport.gateway.rate-limit.redis-url", redis::url);
				// Sharing is what is tested here, not speed: a slow machine must not make an instance decide alone.
				registry.add("rapport.gateway.rate-limit.redis-timeout", () -> "5s");
				registry.add("rapport.gateway.rate-limit.per-second", () -> "1");
			};
		}

	}

	@Autowired
	WebTestClient http;

	@Autowired
	Environment environment;

	@Autowired
	MeterRegistry meters;

	@Test
	void aTokenHasOneBudgetAcrossTwoGatewayInstances() {
		try (ConfigurableApplicationContext second = startSecondInstance()) {
			int port = ((WebServerApplicationContext) second).getWebServer().getPort();
			WebTestClient otherInstance = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
			assertThat(environment.getRequiredProperty("rapport.gateway.rate-limit.per-second", Integer.class))
				.as("this test's rate, over the shared test configuration's")
				.isEqualTo(1);
			MeterRegistry otherMeters = second.getBean(MeterRegistry.class);
			String token = GatewayTestDatabase.adminAccessToken(http, "two-instances");
			assertThat(status(otherInstance, token)).as("a token created on one instance works on the other")
				.isEqualTo(HttpStatus.OK);
			double fallbacksBefore = fallbacks(meters) + fallbacks(otherMeters);

			long started = System.nanoTime();
			List<Answer> answers = ConcurrentClients.run(80, 16, i -> {
				boolean first = i % 2 == 0;
				return new Answer(first, status(first ? http : otherInstance, token));
			});
			double seconds = (System.nanoTime() - started) / 1e9;

			long allowed = answers.stream().filter(answer -> answer.status() == HttpStatus.OK).count();
			// Shared: the burst (less the one request above) plus one a second; two own budgets: about twice that.
			assertThat(allowed).as("allowed in %.2f s across both instances", seconds)
				.isBetween(30L - 1, 30L + (long) Math.ceil(seconds) + 1);
			assertThat(fallbacks(meters) + fallbacks(otherMeters)).as("every decision from Redis")
				.isEqualTo(fallbacksBefore);
			assertThat(answers).filteredOn(answer -> answer.status() == HttpStatus.TOO_MANY_REQUESTS)
				.extracting(Answer::firstInstance)
				.as("both instances refuse once the shared budget is spent")
				.contains(true, false);
			assertThat(answers).extracting(Answer::status)
				.allMatch(status -> status == HttpStatus.OK || status == HttpStatus.TOO_MANY_REQUESTS);
		}
	}

	private record Answer(boolean firstInstance, HttpStatus status) {
	}

	private static double fallbacks(MeterRegistry meters) {
		return meters.counter("rapport.gateway.rate-limit.fallback").count();
	}

	private ConfigurableApplicationContext startSecondInstance() {
		// As arguments: they outrank application.yml (builder properties would only be defaults).
		Stream<String> arguments = Stream.concat(Stream.of("--server.port=0", "--management.server.port=0",
				"--spring.jmx.enabled=false"),
				DEPLOYMENT_SETTINGS.stream().map(key -> "--" + key + "=" + environment.getRequiredProperty(key)));
		return new SpringApplicationBuilder(GatewayApplication.class).run(arguments.toArray(String[]::new));
	}

	private static HttpStatus status(WebTestClient client, String token) {
		return HttpStatus.valueOf(client.get()
			.uri("/api/contacts")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.returnResult(Void.class)
			.getStatus()
			.value());
	}

}
