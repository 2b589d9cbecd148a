package dev.rapport.reminders.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a free port of this machine standing in for a member's endpoint: it records every request
 * and answers with the next queued answer (200 once the queue is empty).
 */
final class Receiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();

	Receiver() {
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		server.createContext("/", exchange -> {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			Map<String, String> headers = exchange.getRequestHeaders()
				.entrySet()
				.stream()
				.collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), e -> String.join(",", e.getValue())));
			requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
			Answer answer = answers.poll();
			if (answer == null) {
				answer = new Answer(200, "ok", null);
			}
			if (answer.location() != null) {
				exchange.getResponseHeaders().add("Location", answer.location());
			}
			byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		server.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + port() + path;
	}

	int port() {
		return server.getAddress().getPort();
	}

	void answer(int status, String body) {
		answers.add(new Answer(status, body, null));
	}

	void redirect(String location) {
		answers.add(new Answer(302, "", location));
	}

	List<Request> requests() {
		return new ArrayList<>(requests);
	}

	List<Request> requestsTo(String path) {
		return requests().stream().filter(request -> request.path().startsWith(path)).toList();
	}

	@Override
	public void close() {
		server.stop(0);
	}

	record Request(String method, String path, Map<String, String> headers, byte[] body) {

		String header(String name) {
			return headers.get(name.toLowerCase(Locale.ROOT));
		}

		String text() {
			return new String(body, StandardCharsets.UTF_8);
		}

	}

	private record Answer(int status, String body, String location) {
	}

}
