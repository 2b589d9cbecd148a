package dev.rapport.reminders.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.rapport.reminders.webhook.DeliveryPayloads.Body;

/**
 * Sends one delivery attempt over HTTP, to an address checked at this very attempt.
 * <p>
 * <b>Pinning.</b> The host is resolved and every address checked ({@link TargetPolicy}) right before sending, and the
 * request then goes to the checked address itself: the URL's host is replaced by the IP literal, the original host
 * travels in the {@code Host} header and, for https, as the TLS server name (SNI), which the JDK's trust manager
 * also verifies the certificate against. So a name that resolves to a public address when checked and to a private
 * one a moment later (DNS rebinding) cannot move the connection: nothing resolves the name a second time. The JDK
 * client has no per-client resolver (JEP 418's resolver is JVM-wide and loaded from the system class path, which a
 * Boot jar's libraries are not on), hence the literal. Setting {@code Host} needs
 * {@code jdk.httpclient.allowRestrictedHeaders=host}, which {@link dev.rapport.reminders.RemindersApplication}
 * sets before anything loads the HTTP client; without it this bean refuses to start rather than send unpinned.
 * <p>
 * Redirects are not followed (a 3xx to {@code http://169.254.169.254/} would walk around the check), HTTP/1.1 only
 * (a {@code Host} header is HTTP/1.1's; HTTP/2 takes the authority from the URL), and at most
 * {@value #EXCERPT_CHARS} characters of an error answer are kept for the member's log.
 */
@Component
class WebhookSender implements DisposableBean {

	static final int EXCERPT_CHARS = 500;

	static final String USER_AGENT = "Rapport-Webhooks/1";

	private final TargetPolicy policy;

	private final Duration connectTimeout;

	private final Duration requestTimeout;

	/** For http targets: nothing in the connection depends on the host name. */
	private final HttpClient plain;

	/** For https targets, one client per host name: the server name is a property of the client's TLS settings. */
	private final Map<String, HttpClient> tlsClients;

	/** Stops reading an answer that dribbles in past the request's time. */
	private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
		.daemon()
		.name("webhook-deadlines")
		.factory());

	/** The JDK's default trust (its CA certificates), or the one a test's receiver is trusted with. */
	private final SSLContext tls;

	@Autowired
	WebhookSender(TargetPolicy policy, WebhookProperties properties) {
		this(policy, properties.connectTimeout(), properties.requestTimeout(), null);
	}

	WebhookSender(TargetPolicy policy, Duration connectTimeout, Duration requestTimeout) {
		this(policy, connectTimeout, requestTimeout, null);
	}

	WebhookSender(TargetPolicy policy, Duration connectTimeout, Duration requestTimeout, SSLContext tls) {
		requireHostHeader();
		this.policy = policy;
		this.connectTimeout = connectTimeout;
		this.requestTimeout = requestTimeout;
		this.tls = tls;
		this.plain = client(null);
		this.tlsClients = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, HttpClient> eldest) {
				boolean evict = size() > 64;
				if (evict) {
					eldest.getValue().shutdown();
				}
				return evict;
			}
		};
	}

	/** One attempt: what the receiver answered, or why nothing was sent or answered. */
	Attempt send(String url, WebhookFormat format, String secret, String messageId, String payload, Instant now,
			DeliveryPayloads payloads) {
		URI target = URI.create(url);
		TargetPolicy.Resolution resolution = policy.resolve(target.getHost());
		if (!resolution.allowed()) {
			return Attempt.notSent(resolution.refusal());
		}
		InetAddress address = resolution.addresses().get(0);
		Body body = payloads.body(format, payload);
		long timestamp = now.getEpochSecond();
		HttpRequest.Builder request = HttpRequest.newBuilder(pinned(target, address))
			.timeout(requestTimeout)
			.header("Host", target.getRawAuthority())
			.header("Content-Type", body.contentType())
			.header("User-Agent", USER_AGENT)
			.header("webhook-id", messageId)
			.header("webhook-timestamp", Long.toString(timestamp))
			.header("webhook-signature", WebhookSecret.sign(secret, messageId, timestamp, body.bytes()))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
		if (body.title() != null) {
			request.header("Title", headerText(body.title()));
		}
		if (body.click() != null) {
			request.header("Click", body.click());
		}
		HttpClient client = "https".equalsIgnoreCase(target.getScheme()) ? tlsClient(target.getHost()) : plain;
		try {
			HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				response.body().close();
				return Attempt.answered(status, null);
			}
			String excerpt = excerpt(response.body());
			if (status >= 300 && status < 400) {
				String location = response.headers().firstValue("Location").map(to -> " (Location: " + to + ")").orElse("");
				return Attempt.answered(status, "redirects are not followed" + location);
			}
			return Attempt.answered(status, excerpt.isEmpty() ? "HTTP " + status : excerpt);
		}
		catch (HttpTimeoutException ex) {
			return Attempt.notSent("timed out: " + ex.getMessage());
		}
		catch (IOException ex) {
			return Attempt.notSent("could not send: " + (ex.getMessage() == null ? ex.getClass().getSimpleName()
					: ex.getMessage()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Attempt.notSent("interrupted");
		}
	}

	/** The URL with its host replaced by the checked address, as a literal ({@code [..]} for IPv6). */
	static URI pinned(URI target, InetAddress address) {
		String literal = address instanceof Inet6Address ? "[" + TargetAddresses.print(address) + "]"
				: address.getHostAddress();
		String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
		return URI.create(target.getScheme() + "://" + literal + (target.getPort() == -1 ? "" : ":" + target.getPort())
				+ path + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
	}

	/** Header values are ASCII: anything else goes as an RFC 2047 encoded word, which ntfy decodes. */
	static String headerText(String text) {
		if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
			return text;
		}
		return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
	}

	private String excerpt(InputStream body) throws IOException {
		ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(body), requestTimeout.toMillis(),
				TimeUnit.MILLISECONDS);
		try (body) {
			// Characters, not bytes, are what the log keeps; 4 bytes per character at most.
			byte[] bytes = body.readNBytes(EXCERPT_CHARS * 4);
			String text = new String(bytes, StandardCharsets.UTF_8).strip();
			return text.length() > EXCERPT_CHARS ? text.substring(0, EXCERPT_CHARS) : text;
		}
		catch (IOException ex) {
			return "";
		}
		finally {
			deadline.cancel(false);
		}
	}

	private static void closeQuietly(InputStream body) {
		try {
			body.close();
		}
		catch (IOException ignored) {
			// Closing is all that was wanted.
		}
	}

	private synchronized HttpClient tlsClient(String host) {
		return tlsClients.computeIfAbsent(host.toLowerCase(), this::client);
	}

	private HttpClient client(String serverName) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(connectTimeout)
			.proxy(HttpClient.Builder.NO_PROXY);
		// An address literal in the URL is no server name (RFC 6066): the certificate is checked against the address.
		if (serverName != null && !serverName.startsWith("[") && !serverName.matches("[0-9.]+")) {
			SSLParameters parameters = new SSLParameters();
			parameters.setServerNames(List.of(new SNIHostName(serverName)));
			builder.sslParameters(parameters);
		}
		if (tls != null) {
			builder.sslContext(tls);
		}
		return builder.build();
	}

	private static void requireHostHeader() {
		try {
			HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "example.org");
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Webhooks connect to the address they checked and need to set the Host "
					+ "header: start the JVM with -Djdk.httpclient.allowRestrictedHeaders=host (RemindersApplication "
					+ "sets it, unless something loaded the JDK HTTP client before)", ex);
		}
	}

	@Override
	public synchronized void destroy() {
		deadlines.shutdownNow();
		plain.shutdownNow();
		tlsClients.values().forEach(HttpClient::shutdownNow);
	}

	/**
	 * @param statusCode the receiver's status, or null when none answered (refused, unreachable, timed out)
	 * @param error what went wrong, or null for a 2xx
	 */
	record Attempt(Integer statusCode, String error) {

		static Attempt answered(int status, String error) {
			return new Attempt(status, error);
		}

		static Attempt notSent(String error) {
			return new Attempt(null, error);
		}

		boolean delivered() {
			return error == null;
		}

	}

}
