package dev.rapport.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;

import io.micrometer.observation.ObservationRegistry;
import org.awaitility.Awaitility;

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

import dev.rapport.gateway.identity.Browser;
import dev.rapport.platform.test.ObservedValues;

import static dev.rapport.gateway.GatewayTestDatabase.ADMIN_EMAIL;
import static dev.rapport.gateway.GatewayTestDatabase.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calendar feed's route: a calendar application with no session and no token reaches reminders-service, which
 * receives no identity whoever fetches (not even a signed-in browser's); the gateway's observations (what traces
 * carry) name the feed without its secret; fetches are limited per client address in a
 * budget of their own (three a minute here: one refilled every 20 s, so however slowly the requests are made the
 * fourth is refused), which leaves the API's per-caller budget alone.
 */
@GatewayIntegrationTest
@Import(CalendarFeedRouteTest.ThreeAMinute.class)
class CalendarFeedRouteTest {

	@TestConfiguration(proxyBeanMethods = false)
	static class ThreeAMinute {

		@Bean
		DynamicPropertyRegistrar threeFeedFetchesAMinute() {
			return registry -> registry.add("rapport.gateway.rate-limit.feeds-per-minute", () -> "3");
		}

	}

	@Autowired
	WebTestClient http;

	@Autowired
	UpstreamStub upstream;

	@Autowired
	ObservationRegistry observations;

	@Test
	void aFeedIsFetchedWithoutIdentityAndLimitedPerClientAddress() {
		Queue<String> traced = ObservedValues.containing(observations, "/feeds/");
		String token = GatewayTestDatabase.adminAccessToken(http, "calendar");
		Browser browser = new Browser(http);
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		String secret = "s" + UUID.randomUUID().toString().replace("-", "");
		String anonymousPath = "/feeds/calendar/" + secret + ".ics";
		String tokenPath = "/feeds/calendar/" + UUID.randomUUID() + ".ics";
		String browserPath = "/feeds/calendar/" + UUID.randomUUID() + ".ics";

		EntityExchangeResult<byte[]> anonymous = http.get()
			.uri(anonymousPath)
			.header(HttpHeaders.ACCEPT, "text/calendar")
			.exchange()
			.expectBody()
			.returnResult();
		EntityExchangeResult<byte[]> withToken = http.get()
			.uri(tokenPath)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectBody()
			.returnResult();
		EntityExchangeResult<byte[]> fromBrowser = browser.get(browserPath, MediaType.ALL);

		assertThat(List.of(anonymous, withToken, fromBrowser)).allSatisfy(result -> assertThat(result.getStatus())
			.as("%s: no session needed, served by the route", result.getUrl())
			.isEqualTo(HttpStatus.OK));
		assertThat(new String(anonymous.getResponseBody())).as("the path passed on as it is").contains(anonymousPath);
		for (String path : List.of(anonymousPath, tokenPath, browserPath)) {
			UpstreamStub.Received seen = upstream.last(path);
			assertThat(seen.hasHeader(HttpHeaders.AUTHORIZATION)).as("%s: no platform token, no caller's token", path)
				.isFalse();
			assertThat(seen.hasHeader(HttpHeaders.COOKIE)).as("%s: no session cookie", path).isFalse();
		}
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !traced.isEmpty());
		assertThat(traced).as("what traces would carry: the feed, not its secret")
			.noneMatch(value -> value.contains(secret))
			.anyMatch(value -> value.contains("/feeds/calendar/<secret>"));

		EntityExchangeResult<byte[]> fourth = http.get()
			.uri("/feeds/calendar/" + UUID.randomUUID() + ".ics")
			.exchange()
			.expectBody()
			.returnResult();

		assertThat(fourth.getStatus()).as("the fourth fetch from this address in a minute")
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(fourth.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(Long.parseLong(fourth.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 20L);
		assertThat(new String(fourth.getResponseBody())).contains("https://rapport.dev/problems/rate-limited");
		assertThat(http.get()
			.uri("/api/reminders")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectBody()
			.returnResult()
			.getStatus()).as("the API's budget is another one").isEqualTo(HttpStatus.OK);
	}

}
