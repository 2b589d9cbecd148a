package dev.rapport.devstack.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** HTTP calls of the system tests against devstack's gateway and services. */
final class SystemHttp {

	/**
	 * HTTP/1.1: with the JDK client's default (HTTP/2, attempting an h2c upgrade on each new connection) a request to
	 * the gateway once hung until its timeout; every other tool here speaks HTTP/1.1 to it.
	 */
	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private SystemHttp() {
	}

	/** One call; {@code authorization}, {@code body} and {@code contentType} may be null. */
	static HttpResponse<String> send(URI base, String method, String path, String authorization, String body,
			String contentType) {
		return send(base, method, path, authorization, body, contentType, Map.of());
	}

	/** One call with more headers (a trace context, say). */
	static HttpResponse<String> send(URI base, String method, String path, String authorization, String body,
			String contentType, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(15));
		headers.forEach(request::header);
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		request.method(method,
				body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(method + " " + base.resolve(path), ex);
		}
	}

}
