package dev.rapport.gateway.identity;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.rapport.gateway.GatewayIntegrationTest;

import static dev.rapport.gateway.GatewayTestDatabase.ADMIN_EMAIL;
import static dev.rapport.gateway.GatewayTestDatabase.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guesses per client address: sign-ins, and the current password of a password change, share one budget
 * (three a minute here). Spring Security answers {@code POST /login} itself, so it is counted before security runs.
 */
@GatewayIntegrationTest
@Import(SignInLimitTest.ThreeAMinute.class)
class SignInLimitTest {

	@TestConfiguration(proxyBeanMethods = false)
	static class ThreeAMinute {

		@Bean
		DynamicPropertyRegistrar threeSignInsAMinute() {
			return registry -> registry.add("rapport.gateway.rate-limit.logins-per-minute", () -> "3");
		}

	}

	@Autowired
	WebTestClient http;

	@Autowired
	Environment environment;

	@Test
	void guessesAtSignInAndAtPasswordChangeShareOneBudget() {
		assertThat(environment.getRequiredProperty("rapport.gateway.rate-limit.logins-per-minute", Integer.class))
			.as("this test's limit, over the shared test configuration's")
			.isEqualTo(3);
		Browser admin = new Browser(http);
		assertThat(admin.signIn(ADMIN_EMAIL, ADMIN_PASSWORD).getResponseHeaders().getLocation()).hasToString("/");
		assertThat(admin.send("POST", "/api/me/password",
				"{\"currentPassword\": \"a wrong guess\", \"newPassword\": \"a long new passphrase\"}", true)
			.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(new Browser(http).signIn(ADMIN_EMAIL, "another wrong guess").getResponseHeaders().getLocation())
			.hasToString("/login?error");

		EntityExchangeResult<byte[]> fourth = new Browser(http).signIn(ADMIN_EMAIL, ADMIN_PASSWORD);

		assertThat(fourth.getStatus()).as("even the right password, once the budget is spent")
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(fourth.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(Long.parseLong(fourth.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 20L);
		assertThat(admin.send("POST", "/api/me/password",
				"{\"currentPassword\": \"" + ADMIN_PASSWORD + "\", \"newPassword\": \"a long new passphrase\"}", true)
			.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
	}

}
