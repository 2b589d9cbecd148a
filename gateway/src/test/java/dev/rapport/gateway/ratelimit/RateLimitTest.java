package dev.rapport.gateway.ratelimit;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.rapport.gateway.ConcurrentClients;
import dev.rapport.gateway.GatewayIntegrationTest;
import dev.rapport.gateway.GatewayTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-token rate limiting over HTTP: bursts of 30 (the shared test configuration's) refilled at one request a second
 * here, so that however slowly this machine sends the 80 requests, the refill while they are sent cannot hide the
 * limit (at the shared 20 a second, 80 requests taking over 2.5 s all passed).
 */
@GatewayIntegrationTest
@Import(RateLimitTest.OneASecond.class)
class RateLimitTest {

	@TestConfiguration(proxyBeanMethods = false)
	static class OneASecond {

		@Bean
		DynamicPropertyRegistrar oneRequestASecond() {
			return registry -> registry.add("rapport.gateway.rate-limit.per-second", () -> "1");
		}

	}

	@Autowired
	WebTestClient http;

	@Test
	void aTokenOverItsRateGets429WithRetryAfterWhileAnotherTokenIsServed() {
		String busy = GatewayTestDatabase.adminAccessToken(http, "busy");
		String calm = GatewayTestDatabase.adminAccessToken(http, "calm");

		long started = System.nanoTime();
		List<EntityExchangeResult<byte[]>> burst = ConcurrentClients.run(80, 16, i -> get(busy));
		double seconds = (System.nanoTime() - started) / 1e9;

		List<EntityExchangeResult<byte[]>> refused = burst.stream()
			.filter(result -> result.getStatus() == HttpStatus.TOO_MANY_REQUESTS)
			.toList();
		assertThat(refused).as("80 requests at once against a burst of 30").isNotEmpty();
		// The burst, plus what the bucket refilled (one a second) while the requests were being made.
		assertThat(burst.size() - refused.size()).as("allowed in %.2f s", seconds)
			.isBetween(30, 30 + (int) Math.ceil(seconds) + 1);
		EntityExchangeResult<byte[]> one = refused.getFirst();
		assertThat(one.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(Long.parseLong(one.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isPositive();
		assertThat(new String(one.getResponseBody())).contains("https://rapport.dev/problems/rate-limited");
		assertThat(get(calm).getStatus()).as("another token has its own budget").isEqualTo(HttpStatus.OK);
	}

	private EntityExchangeResult<byte[]> get(String token) {
		return http.get()
			.uri("/api/contacts")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectBody()
			.returnResult();
	}

}
