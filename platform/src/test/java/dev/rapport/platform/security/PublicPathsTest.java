package dev.rapport.platform.security;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.util.matcher.RequestMatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rapport.security.public-paths}: by default (unset, or blank) nothing more is open than the platform's own
 * paths; a listed pattern opens its paths and no others, and a bearer token is read everywhere else as before.
 */
class PublicPathsTest {

	@Test
	void noPatternsOpenNothing() {
		assertThat(PlatformSecurityAutoConfiguration.publicPaths(new String[0]).matches(get("/feeds/calendar/x.ics")))
			.isFalse();
		assertThat(PlatformSecurityAutoConfiguration.publicPaths(new String[] { " ", "" }).matches(get("/anything")))
			.isFalse();
	}

	@Test
	void aPatternOpensItsPathsOnly() {
		RequestMatcher open = PlatformSecurityAutoConfiguration.publicPaths(new String[] { " /feeds/calendar/** " });

		assertThat(open.matches(get("/feeds/calendar/abc.ics"))).isTrue();
		assertThat(open.matches(get("/feeds/other/abc.ics"))).isFalse();
		assertThat(open.matches(get("/api/reminders"))).isFalse();
	}

	@Test
	void aBearerTokenIsIgnoredOnPublicPathsAndReadElsewhere() {
		BearerTokenResolver resolver = PlatformSecurityAutoConfiguration
			.ignoringTokensOn(PlatformSecurityAutoConfiguration.publicPaths(new String[] { "/feeds/calendar/**" }));

		assertThat(resolver.resolve(withToken("/feeds/calendar/abc.ics"))).isNull();
		assertThat(resolver.resolve(withToken("/api/reminders"))).isEqualTo("abc.def.ghi");
	}

	private static MockHttpServletRequest get(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setServletPath(path);
		return request;
	}

	private static MockHttpServletRequest withToken(String path) {
		MockHttpServletRequest request = get(path);
		request.addHeader("Authorization", "Bearer abc.def.ghi");
		return request;
	}

}
