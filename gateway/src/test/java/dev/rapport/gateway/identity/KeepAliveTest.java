package dev.rapport.gateway.identity;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.rapport.gateway.ConcurrentClients;
import dev.rapport.gateway.GatewayIntegrationTest;
import dev.rapport.gateway.GatewayTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests back to back on one HTTP/1.1 keep-alive connection, mixing answers given at once (the JWKS, a refusal)
 * with answers given later (a proxied call, a database lookup): each is answered. An answer given at once right after
 * a later one used to leave the connection unread, so the request after it waited forever (reactor/reactor-netty#4361,
 * fixed in 1.3.8); the gateway's {@code keepalive.KeepAliveReadResumer} asks for the read Reactor Netty skipped.
 */
@GatewayIntegrationTest
class KeepAliveTest {

	@LocalServerPort
	int port;

	@Autowired
	WebTestClient http;

	@Test
	void refusalsOfEveryKindAreAnsweredOnOneConnection() throws Exception {
		inTurn(List.of(get("/api/contacts", "Bearer eyJhbGciOiJub25lIn0.e30."), get("/api/contacts", "Bearer rpt_unknown"),
				get("/api/contacts", null)), "HTTP/1.1 401 ");
	}

	@Test
	void proxiedCallsAndImmediateAnswersTakeTurnsOnOneConnection() throws Exception {
		String token = GatewayTestDatabase.adminAccessToken(http, "keep-alive");
		// The proxied calls may meet the rate limit (429): answered all the same.
		inTurn(List.of(get("/api/reminders", "Bearer " + token), get("/.well-known/jwks.json", null)),
				"HTTP/1.1 (200|429) ");
	}

	@Test
	void proxiedCallsAndRateLimitRefusalsTakeTurnsOnOneConnection() throws Exception {
		String spent = GatewayTestDatabase.adminAccessToken(http, "spent");
		String fresh = GatewayTestDatabase.adminAccessToken(http, "fresh");
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(5_000);
			String refused;
			int sent = 0;
			do {
				assertThat(sent++).as("requests until the spent token is refused").isLessThan(1_000);
				socket.getOutputStream().write(get("/api/contacts", "Bearer " + spent).getBytes(StandardCharsets.US_ASCII));
				refused = RawHttp.statusLine(socket.getInputStream());
			}
			while (!refused.contains(" 429 "));
		}
		// The spent token is refused at once; the fresh one is proxied (until it is spent too).
		inTurn(List.of(get("/api/contacts", "Bearer " + fresh), get("/api/contacts", "Bearer " + spent)),
				"HTTP/1.1 (200|429) ");
	}

	/**
	 * A request that arrives while the answer before it is still going out waits in Reactor Netty's queue; answered at
	 * once when its turn comes (a refused preflight: no worker, no upstream), it left Reactor Netty 1.3.6 reading
	 * nothing more from the connection, so the request after it was never answered (reactor/reactor-netty#4361). Sent
	 * pipelined, the second request is queued every time; a client that waits for each answer gets the same queue
	 * whenever its next request beats the end of the previous answer, which is how browsers and tests met it.
	 */
	@Test
	void aQueuedRequestAnsweredAtOnceLeavesTheConnectionReadingTheNext() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(5_000);
			// The sign-in page's answer comes from a worker (Spring Security makes the CSRF token there); the
			// preflight from an origin that is not allowed is refused on the spot, by the CORS filter.
			String signInPage = "GET /login HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n\r\n";
			String refusedPreflight = "OPTIONS /api/contacts HTTP/1.1\r\nHost: localhost\r\nOrigin: https://elsewhere.test\r\n"
					+ "Access-Control-Request-Method: POST\r\n\r\n";
			socket.getOutputStream().write((signInPage + refusedPreflight).getBytes(StandardCharsets.US_ASCII));
			assertThat(RawHttp.statusLine(socket.getInputStream())).startsWith("HTTP/1.1 200 ");
			assertThat(RawHttp.statusLine(socket.getInputStream())).startsWith("HTTP/1.1 403 ");

			socket.getOutputStream().write(get("/.well-known/jwks.json", null).getBytes(StandardCharsets.US_ASCII));
			assertThat(RawHttp.statusLine(socket.getInputStream())).as("the request after the queued one")
				.startsWith("HTTP/1.1 200 ");
		}
	}

	/** A Java API client as it comes: its first request on a connection asks to upgrade to HTTP/2 (h2c), declined. */
	@Test
	void aJavaClientWithItsDefaultHttp2UpgradeIsAnsweredEveryTime() throws Exception {
		String token = GatewayTestDatabase.adminAccessToken(http, "h2c");
		HttpClient client = HttpClient.newHttpClient();
		assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_2);
		List<String> paths = List.of("/api/me", "/api/contacts", "/.well-known/jwks.json", "/api/contacts/unknown");
		List<Integer> answers = ConcurrentClients.run(60, 8, i -> {
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create("http://localhost:" + port + paths.get(i % paths.size())))
				.timeout(Duration.ofSeconds(5));
			if (i % 5 != 0) {
				request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
			}
			try {
				return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
			}
			catch (IOException | InterruptedException e) {
				throw new AssertionError("request " + i + " was not answered", e);
			}
		});
		assertThat(answers).allSatisfy(status -> assertThat(status).isIn(200, 401, 429));
	}

	private void inTurn(List<String> requests, String statusPattern) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(5_000);
			for (int i = 0; i < 100; i++) {
				for (String request : requests) {
					socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
					assertThat(RawHttp.statusLine(socket.getInputStream())).as("answer %d to %s", i, request.lines()
						.findFirst()
						.orElseThrow()).containsPattern(statusPattern);
				}
			}
		}
	}

	private static String get(String path, String authorization) {
		return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
				+ (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
	}

}
