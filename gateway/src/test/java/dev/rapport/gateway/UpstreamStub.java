package dev.rapport.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small real HTTP service standing in for one of Rapport's, on a random loopback port. It records every request
 * that reaches it and answers according to the path:
 * <ul>
 * <li>{@code .../status/503}: that status, with a JSON body of the service's own;</li>
 * <li>{@code .../delay/1500}: 200 after that many milliseconds;</li>
 * <li>{@code .../hang}: no answer until the stub is closed;</li>
 * <li>anything else: 200 echoing service, method and path.</li>
 * </ul>
 */
public final class UpstreamStub implements AutoCloseable {

	/** A request as the upstream saw it. */
	public record Received(String method, String path, String query, Headers headers, int bodyBytes) {

		public boolean hasHeader(String name) {
			return headers.containsKey(name);
		}

		public String header(String name) {
			return headers.getFirst(name);
		}

	}

	private static final Pattern STATUS = Pattern.compile("/status/(\\d{3})");

	private static final Pattern DELAY = Pattern.compile("/delay/(\\d+)");

	private final String service;

	private final HttpServer server;

	private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();

	private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor();

	private final Queue<Received> received = new ConcurrentLinkedQueue<>();

	private final Queue<HttpExchange> hanging = new ConcurrentLinkedQueue<>();

	private UpstreamStub(String service) throws IOException {
		this.service = service;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setExecutor(handlers);
		server.createContext("/", this::handle);
		server.start();
	}

	public static UpstreamStub start(String service) {
		try {
			return new UpstreamStub(service);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the " + service + " stub", ex);
		}
	}

	/** A loopback port nothing listens on: connecting to it is refused at once. */
	static URI closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return URI.create("http://127.0.0.1:" + socket.getLocalPort());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String service() {
		return service;
	}

	public URI uri() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	List<Received> received(String path) {
		return received.stream().filter(request -> request.path().equals(path)).toList();
	}

	List<Received> received() {
		return List.copyOf(received);
	}

	/** The last request that reached this stub at {@code path}. */
	public Received last(String path) {
		List<Received> at = received(path);
		if (at.isEmpty()) {
			throw new AssertionError("No request reached the " + service + " stub at " + path);
		}
		return at.getLast();
	}

	public long count(String path) {
		return received(path).size();
	}

	private void handle(HttpExchange exchange) throws IOException {
		int bodyBytes;
		try (InputStream body = exchange.getRequestBody()) {
			bodyBytes = body.readAllBytes().length;
		}
		String path = exchange.getRequestURI().getRawPath();
		received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
				exchange.getRequestHeaders(), bodyBytes));
		Matcher status = STATUS.matcher(path);
		Matcher delay = DELAY.matcher(path);
		if (status.find()) {
			respond(exchange, Integer.parseInt(status.group(1)), path);
		}
		else if (delay.find()) {
			delays.schedule(() -> respond(exchange, 200, path), Long.parseLong(delay.group(1)), TimeUnit.MILLISECONDS);
		}
		else if (path.endsWith("/hang")) {
			hanging.add(exchange);
		}
		else {
			respond(exchange, 200, path);
		}
	}

	private void respond(HttpExchange exchange, int status, String path) {
		byte[] body = """
				{"service":"%s","method":"%s","path":"%s","status":%d}"""
			.formatted(service, exchange.getRequestMethod(), path, status)
			.getBytes(StandardCharsets.UTF_8);
		try (exchange) {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			if ("HEAD".equals(exchange.getRequestMethod().toUpperCase(Locale.ROOT))) {
				exchange.sendResponseHeaders(status, -1);
			}
			else {
				exchange.sendResponseHeaders(status, body.length);
				exchange.getResponseBody().write(body);
			}
		}
		catch (IOException clientGone) {
			// The gateway gave up on this request (a timeout): nothing left to answer.
		}
	}

	@Override
	public void close() {
		hanging.forEach(HttpExchange::close);
		server.stop(0);
		delays.shutdownNow();
		handlers.shutdownNow();
	}

}
