package dev.rapport.contacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestTokens;

import static dev.rapport.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the gateway's keys do not arrive in time (a gateway just starting on a busy host, say), a request is answered
 * 503 with Retry-After, so the client or the gateway retries: not a bare 500, and not a 401 that blames the token.
 */
@ServiceIntegrationTest
class KeysUnreachableTest {

	/** Takes connections (the kernel's backlog) and never answers them: a JWKS endpoint too slow to wait for. */
	static final ServerSocket SILENT_JWKS = silentServer();

	@DynamicPropertySource
	static void jwksNobodyAnswers(DynamicPropertyRegistry registry) {
		registry.add("rapport.security.jwt.jwk-set-uri",
				() -> "http://127.0.0.1:" + SILENT_JWKS.getLocalPort() + "/.well-known/jwks.json");
		registry.add("rapport.security.jwt.jwks-timeout", () -> "500ms");
	}

	@LocalServerPort
	int port;

	@Test
	void aTokenThatCannotBeCheckedIs503WithRetryAfter() {
		ApiClient.Response response = new ApiClient(port).get("/api/contacts",
				TestTokens.token(UUID.randomUUID(), UUID.randomUUID(), "member"));

		assertProblem(response, 503, "service-unavailable");
		assertThat(response.header("Retry-After")).isEqualTo("2");
	}

	@AfterAll
	static void close() throws IOException {
		SILENT_JWKS.close();
	}

	private static ServerSocket silentServer() {
		try {
			return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
