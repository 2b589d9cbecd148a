package dev.rapport.gateway;

import java.net.URI;
import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service is down (its port refuses connections): the circuit breaker fallbacks answer at once with a 503
 * problem and {@code Retry-After}, and after enough failures a service's circuit opens on its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "rapport.gateway.circuit-breaker.sliding-window-size=4",
				"RAPPORT_CIRCUIT_BREAKER_MINIMUM_CALLS=4", "RAPPORT_CIRCUIT_BREAKER_OPEN_FOR=30s" })
@AutoConfigureWebTestClient(timeout = "30s")
@Import(GatewayTestDatabase.class)
class UpstreamDownTest {

	static final URI DOWN = UpstreamStub.closedPort();

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		registry.add("CONTACTS_URI", DOWN::toString);
		registry.add("INTERACTIONS_URI", DOWN::toString);
		registry.add("REMINDERS_URI", DOWN::toString);
		registry.add("ANALYTICS_URI", DOWN::toString);
	}

	/** A route without a circuit breaker, to see what the gateway answers when nothing falls back. */
	@TestConfiguration
	static class RouteWithoutFallback {

		@Bean
		RouteLocator withoutFallback(RouteLocatorBuilder routes) {
			return routes.routes().route("no-fallback", route -> route.path("/no-fallback/**").uri(DOWN)).build();
		}

	}

	@Autowired
	WebTestClient anonymous;

	/** Signed in: the first admin's access token on every request, as an API client sends it. */
	WebTestClient http;

	@BeforeEach
	void signIn() {
		http = GatewayTestDatabase.signedIn(anonymous);
	}

	@Autowired
	ReactiveResilience4JCircuitBreakerFactory circuitBreakers;

	@ParameterizedTest
	@CsvSource({ "GET, /api/reminders, reminders-service", "POST, /api/contacts, contacts-service",
			"GET, /api/contacts/c-1/interactions, interactions-service",
			"DELETE, /api/relationships/c-1, reminders-service", "GET, /api/insights/weekly, analytics-service" })
	void aServiceThatIsDownGets503ProblemWithRetryAfterQuickly(String method, String path, String service) {
		long started = System.nanoTime();
		EntityExchangeResult<String> result = http.method(HttpMethod.valueOf(method))
			.uri(path)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "30")
			.expectBody(String.class)
			.returnResult();
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(took).as("a refused connection must not hang").isLessThan(Duration.ofSeconds(5));
		ProblemAssert.of(result.getResponseBody())
			.hasType("https://rapport.dev/problems/service-unavailable")
			.hasTitle("Service Unavailable")
			.hasStatus(503)
			.hasInstance(path)
			.detailContains(service);
	}

	@Test
	void afterRepeatedFailuresOnlyThatServicesCircuitOpensAndStillAnswers503() {
		for (int call = 0; call < 4; call++) {
			http.get().uri("/api/interactions").exchange().expectStatus().isEqualTo(503);
		}
		// Looked up only now: asking the registry first would create the breaker with Resilience4j's defaults.
		CircuitBreaker interactions = circuitBreakers.getCircuitBreakerRegistry()
			.find("interactions-service")
			.orElseThrow();
		assertThat(interactions.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		long refusedBefore = interactions.getMetrics().getNumberOfNotPermittedCalls();

		// The timeline is interactions-service too: refused by the open circuit, without trying the connection.
		EntityExchangeResult<String> result = http.get()
			.uri("/api/contacts/c-9/interactions")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "30")
			.expectBody(String.class)
			.returnResult();
		ProblemAssert.of(result.getResponseBody())
			.hasType("https://rapport.dev/problems/service-unavailable")
			.detailContains("interactions-service");
		assertThat(interactions.getMetrics().getNumberOfNotPermittedCalls()).isEqualTo(refusedBefore + 1);
		assertThat(circuitBreakers.getCircuitBreakerRegistry().find("contacts-service").map(CircuitBreaker::getState))
			.as("each service has its own circuit")
			.isNotEqualTo(java.util.Optional.of(CircuitBreaker.State.OPEN));
	}

	@Test
	void withoutAFallbackAnUnreachableUpstreamGets502Problem() {
		EntityExchangeResult<String> result = http.get()
			.uri("/no-fallback/anything")
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.returnResult();
		ProblemAssert.of(result.getResponseBody())
			.hasType("https://rapport.dev/problems/bad-gateway")
			.hasStatus(502)
			.hasInstance("/no-fallback/anything");
	}

}
