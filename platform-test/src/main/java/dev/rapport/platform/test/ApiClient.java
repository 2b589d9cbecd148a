package dev.rapport.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks HTTP to a service under test exactly as a client would: raw JSON in, status, headers and JSON out. Raw
 * strings on purpose, so tests can send malformed or hostile bodies.
 */
public final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	public ApiClient(int port) {
		this("http://127.0.0.1:" + port);
	}

	public ApiClient(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public Response get(String path, String token) {
		return send("GET", path, token, BodyPublishers.noBody(), Map.of());
	}

	public Response post(String path, String token, String json) {
		return post(path, token, json, Map.of());
	}

	/** A POST of {@code json} (as application/json) with these headers too. */
	public Response post(String path, String token, String json, Map<String, String> headers) {
		Map<String, String> all = new java.util.HashMap<>(headers);
		if (json != null) {
			all.putIfAbsent("Content-Type", "application/json");
		}
		return send("POST", path, token, body(json), all);
	}

	/** A PUT of {@code json} (as application/json). */
	public Response put(String path, String token, String json) {
		return send("PUT", path, token, body(json), Map.of("Content-Type", "application/json"));
	}

	public Response patch(String path, String token, String json, Map<String, String> headers) {
		Map<String, String> all = new java.util.HashMap<>(headers);
		all.putIfAbsent("Content-Type", "application/merge-patch+json");
		return send("PATCH", path, token, body(json), all);
	}

	public Response delete(String path, String token) {
		return send("DELETE", path, token, BodyPublishers.noBody(), Map.of());
	}

	public Response send(String method, String path, String token, BodyPublisher body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, body);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static BodyPublisher body(String json) {
		return json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json);
	}

	/** Parses test JSON written as a string. */
	public static JsonNode json(String json) {
		return JSON.readTree(json);
	}

	/** An HTTP answer: status, headers (lower-cased names) and body. */
	public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

		public JsonNode json() {
			return body == null || body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
		}

		public String header(String name) {
			return headers.entrySet()
				.stream()
				.filter(entry -> entry.getKey().equalsIgnoreCase(name))
				.map(entry -> entry.getValue().getFirst())
				.findFirst()
				.orElse(null);
		}

		@Override
		public String toString() {
			return status + " " + body;
		}

	}

}
