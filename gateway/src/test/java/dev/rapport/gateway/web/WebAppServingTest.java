package dev.rapport.gateway.web;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.rapport.gateway.GatewayIntegrationTest;
import dev.rapport.gateway.identity.Browser;

import static dev.rapport.gateway.GatewayTestDatabase.ADMIN_EMAIL;
import static dev.rapport.gateway.GatewayTestDatabase.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web app as the gateway serves it (the web module's build on the classpath): index.html for the app's pages,
 * never cached, so a new build reaches browsers at once; its hashed files cached for a year.
 */
@GatewayIntegrationTest
class WebAppServingTest {

	private static final Pattern SCRIPT = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"");

	@Autowired
	WebTestClient http;

	@Test
	void pagesGetTheAppUncachedAndItsFilesAreCachedForAYear() {
		// The app's script is larger than WebTestClient buffers by default (256 KB).
		Browser browser = new Browser(http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 << 20)).build());
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);

		EntityExchangeResult<byte[]> home = browser.get("/", MediaType.TEXT_HTML);
		assertThat(home.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(home.getResponseHeaders().getCacheControl()).isEqualTo("no-cache");
		String index = new String(home.getResponseBody(), StandardCharsets.UTF_8);
		assertThat(index).contains("<div id=\"root\">");

		EntityExchangeResult<byte[]> deepLink = browser.get("/contacts/9b2f4c1e-0d1a-4c3b-8f5e-2a7d6c9e1b00",
				MediaType.TEXT_HTML);
		assertThat(new String(deepLink.getResponseBody(), StandardCharsets.UTF_8)).isEqualTo(index);

		Matcher script = SCRIPT.matcher(index);
		assertThat(script.find()).as("index.html loads the app's script: %s", index).isTrue();
		EntityExchangeResult<byte[]> asset = browser.get(script.group(1), MediaType.ALL);
		assertThat(asset.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(asset.getResponseHeaders().getFirst(HttpHeaders.CACHE_CONTROL)).as("hashed file names: cache for a year")
			.contains("max-age=31536000")
			.doesNotContain("no-store");
	}

	@Test
	void onlyTheBuildFilesAreServedAsFiles() {
		Browser browser = new Browser(http);
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);

		assertThat(browser.get("/index.html", MediaType.TEXT_HTML).getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(browser.get("/assets/nothing-here.js", MediaType.ALL).getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(browser.get("/contacts", MediaType.ALL).getStatus()).as("*/* is no browser asking for a page")
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

}
