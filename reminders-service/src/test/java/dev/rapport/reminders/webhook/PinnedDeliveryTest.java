package dev.rapport.reminders.webhook;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pinning: the request goes to the address the policy checked, and over TLS (to an IP literal) the certificate is
 * still verified against the URL's host name, sent as the server name (SNI). The receiver's certificate names {@code localhost}
 * only (test resource {@code webhook/localhost.p12}, self-signed, trusted by this test's sender alone).
 */
class PinnedDeliveryTest {

	static final char[] PASSWORD = "changeit".toCharArray();

	HttpsServer server;

	final List<String> hosts = new CopyOnWriteArrayList<>();

	WebhookSender sender;

	final DeliveryPayloads payloads = new DeliveryPayloads(JsonMapper.builder().build());

	@BeforeEach
	void start() throws Exception {
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = getClass().getResourceAsStream("/webhook/localhost.p12")) {
			keys.load(in, PASSWORD);
		}
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, PASSWORD);
		SSLContext serverTls = SSLContext.getInstance("TLS");
		serverTls.init(keyManagers.getKeyManagers(), null, null);
		server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
		server.createContext("/", exchange -> {
			hosts.add(exchange.getRequestHeaders().getFirst("Host"));
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(204, -1);
			try (OutputStream out = exchange.getResponseBody()) {
				// no body
			}
		});
		server.start();

		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(keys);
		SSLContext clientTls = SSLContext.getInstance("TLS");
		clientTls.init(null, trust.getTrustManagers(), null);
		sender = new WebhookSender(new TargetPolicy(true), Duration.ofSeconds(5), Duration.ofSeconds(10), clientTls);
	}

	@AfterEach
	void stop() {
		server.stop(0);
		sender.destroy();
	}

	@Test
	void theConnectionGoesToTheCheckedAddressAndTheCertificateIsVerifiedAgainstTheHostName() {
		int port = server.getAddress().getPort();

		WebhookSender.Attempt attempt = send("https://localhost:" + port + "/hook");

		assertThat(attempt.error()).isNull();
		assertThat(attempt.statusCode()).isEqualTo(204);
		assertThat(hosts).containsExactly("localhost:" + port);
	}

	@Test
	void aCertificateThatDoesNotNameTheUrlsHostIsRefused() {
		// The same server by its address: the certificate names localhost only, so verification must fail.
		WebhookSender.Attempt attempt = send("https://127.0.0.1:" + server.getAddress().getPort() + "/hook");

		assertThat(attempt.delivered()).isFalse();
		assertThat(attempt.statusCode()).isNull();
		assertThat(attempt.error()).startsWith("could not send");
		assertThat(hosts).isEmpty();
	}

	/**
	 * The sender connects to the address the policy checked, never resolving the name again: here the policy's
	 * answer for a name no DNS knows (as a rebinding resolver's first answer would differ from its second).
	 */
	@Test
	void theRequestGoesToTheAddressThePolicyCheckedAndNamesTheHostInTheHostHeader() throws Exception {
		InetAddress checked = InetAddress.getByName("127.0.0.1");
		TargetPolicy pinnedByTest = new TargetPolicy(true) {
			@Override
			Resolution resolve(String host) {
				return new Resolution(List.of(checked), null, null);
			}
		};
		WebhookSender pinning = new WebhookSender(pinnedByTest, Duration.ofSeconds(5), Duration.ofSeconds(10));
		try (Receiver receiver = new Receiver()) {
			WebhookSender.Attempt attempt = pinning.send("http://rebinding.invalid:" + receiver.port() + "/hook",
					WebhookFormat.STANDARD, WebhookSecret.generate(), "msg_2", "{}", Instant.now(), payloads);

			assertThat(attempt.error()).isNull();
			assertThat(receiver.requests()).extracting(request -> request.header("Host"))
				.containsExactly("rebinding.invalid:" + receiver.port());
		}
		finally {
			pinning.destroy();
		}
	}

	private WebhookSender.Attempt send(String url) {
		return sender.send(url, WebhookFormat.STANDARD, WebhookSecret.generate(), "msg_1", "{}", Instant.now(),
				payloads);
	}

}
