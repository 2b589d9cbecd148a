package dev.rapport.gateway.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class WebAppRoutesTest {

	@ParameterizedTest
	@ValueSource(strings = { "/", "/contacts", "/contacts/", "/contacts/9b2f4c1e-0d1a-4c3b-8f5e-2a7d6c9e1b00",
			"/reminders/due", "/settings/tokens" })
	void pagesOfTheWebApp(String path) {
		assertThat(WebAppRoutes.isClientRoute(path)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/contacts", "/api", "/API/contacts", "/%61pi/contacts", "//api/contacts",
			"/login", "/logout", "/oauth2/authorization/sso", "/login/oauth2/code/sso", "/docs", "/docs/x",
			"/v3/api-docs/gateway", "/actuator/health", "/webjars/x", "/swagger-ui/index", "/fallback/contacts-service",
			"/.well-known/jwks.json", "/assets/index-abc.js", "/favicon.ico", "/contacts/a.b", "/contacts//x",
			"/contacts/%00", "/contacts/caf%C3%A9" })
	void everythingElse(String path) {
		assertThat(WebAppRoutes.isClientRoute(path)).isFalse();
	}

}
