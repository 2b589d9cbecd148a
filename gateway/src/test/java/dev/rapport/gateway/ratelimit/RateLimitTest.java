package dev.rapport.gateway.ratelimit;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.rapport.gateway.ConcurrentClients;
import dev.rapport.gateway.GatewayIntegrationTest;
import dev.rapport.gateway.GatewayTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-token rate limiting over HTTP: the test context allows 20 requests per second with bursts of 30. */
@GatewayIntegrationTest
class RateLimitTest {

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
		// The burst, plus what the bucket refilled (20 per second) while the requests were being made.
		assertThat(burst.size() - refused.size()).as("allowed in %.2f s", seconds)
			.isBetween(30, 30 + (int) Math.ceil(20 * seconds) + 1);
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
