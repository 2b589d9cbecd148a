package dev.rapport.gateway;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import dev.rapport.gateway.identity.Browser;

import static dev.rapport.gateway.GatewayTestDatabase.ADMIN_EMAIL;
import static dev.rapport.gateway.GatewayTestDatabase.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest links' route: a mail reader with no session (or a mail client's RFC 8058 one-click POST) reaches
 * reminders-service, which receives no identity whoever clicks; a signed-in browser's POST needs no CSRF token there
 * (the page it posts from has none to give), and its session is not sent on either.
 */
@GatewayIntegrationTest
class DigestLinkRouteTest {

	@Autowired
	WebTestClient http;

	@Autowired
	UpstreamStub upstream;

	@Test
	void theLinksArePublicCarryNoIdentityAndTheirPostNeedsNoCsrfToken() {
		String confirm = "/links/reminders/" + UUID.randomUUID() + ".sig";
		String unsubscribe = "/links/digest/unsubscribe/" + UUID.randomUUID() + ".sig";
		String fromBrowser = "/links/reminders/" + UUID.randomUUID() + ".sig";

		EntityExchangeResult<byte[]> page = http.get()
			.uri(confirm)
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectBody()
			.returnResult();
		EntityExchangeResult<byte[]> oneClick = http.post()
			.uri(unsubscribe)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("List-Unsubscribe", "One-Click"))
			.exchange()
			.expectBody()
			.returnResult();
		Browser browser = new Browser(http);
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		EntityExchangeResult<byte[]> clicked = browser.send("POST", fromBrowser, null, false);

		assertThat(List.of(page, oneClick, clicked)).allSatisfy(result -> assertThat(result.getStatus())
			.as("%s %s: no session, no token, no CSRF token needed", result.getMethod(), result.getUrl())
			.isEqualTo(HttpStatus.OK));
		// Which service the path reaches is GatewayEdgeTest's (one stub per service); here every route has one stub.
		assertThat(new String(oneClick.getResponseBody())).contains("\"method\":\"POST\"");
		assertThat(upstream.last(unsubscribe).bodyBytes()).as("the one-click body passed on").isPositive();
		for (String path : List.of(confirm, unsubscribe, fromBrowser)) {
			UpstreamStub.Received seen = upstream.last(path);
			assertThat(seen.hasHeader(HttpHeaders.AUTHORIZATION)).as("%s: no platform token", path).isFalse();
			assertThat(seen.hasHeader(HttpHeaders.COOKIE)).as("%s: no session cookie", path).isFalse();
		}
	}

}
