package dev.rapport.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the services behind the gateway: a real HTTP server that answers 200 with a small JSON body and
 * records every request it received (method, path, headers), so tests see exactly what the gateway forwarded.
 */
public final class Upstream implements AutoCloseable {

	public record Received(String method, String path, Map<String, List<String>> headers) {

		public String header(String name) {
			return headers.entrySet()
				.stream()
				.filter(entry -> entry.getKey().equalsIgnoreCase(name))
				.map(entry -> entry.getValue().getFirst())
				.findFirst()
				.orElse(null);
		}

	}

	private final HttpServer server;

	private final ConcurrentLinkedDeque<Received> received = new ConcurrentLinkedDeque<>();

	private Upstream(HttpServer server) {
		this.server = server;
	}

	public static Upstream start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			Upstream upstream = new Upstream(server);
			server.createContext("/", exchange -> {
				upstream.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
						Map.copyOf(exchange.getRequestHeaders())));
				exchange.getRequestBody().readAllBytes();
				byte[] body = "{\"upstream\":true}".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.start();
			return upstream;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String uri() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** The last request that reached the upstream with this path. */
	public Received last(String path) {
		return received.stream()
			.filter(request -> request.path().equals(path))
			.reduce((first, second) -> second)
			.orElseThrow(() -> new AssertionError("No request reached the upstream at " + path));
	}

	public long count(String path) {
		return received.stream().filter(request -> request.path().equals(path)).count();
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
