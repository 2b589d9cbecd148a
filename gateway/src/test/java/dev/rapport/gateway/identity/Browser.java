package dev.rapport.gateway.identity;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/** A browser, as far as the gateway can tell: it keeps cookies between requests and sends the CSRF header. */
public final class Browser {

	private final WebTestClient http;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	public Browser(WebTestClient http) {
		this(http, new LinkedHashMap<>());
	}

	private Browser(WebTestClient http, Map<String, String> cookies) {
		this.http = http;
		this.cookies.putAll(cookies);
	}

	/** The same browser (its cookies as they are now) talking to another gateway instance of the deployment. */
	Browser on(WebTestClient otherInstance) {
		return new Browser(otherInstance, cookies);
	}

	String cookie(String name) {
		return cookies.get(name);
	}

	/** Opens the login page (which sets the CSRF cookie) and signs in; returns the login answer. */
	public EntityExchangeResult<byte[]> signIn(String email, String password) {
		get("/login", MediaType.TEXT_HTML);
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("username", email);
		form.add("password", password);
		return remember(http.post()
			.uri("/login")
			.headers(this::sendCookies)
			.header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(form))
			.exchange()
			.expectBody()
			.returnResult());
	}

	/** A personal access token for the signed-in member: its secret. */
	public String createAccessToken(String name) {
		byte[] body = send("POST", "/api/me/tokens", "{\"name\": \"" + name + "\"}", true).getResponseBody();
		return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body).get("token").asString();
	}

	public EntityExchangeResult<byte[]> get(String path, MediaType accept) {
		return remember(http.get().uri(path).accept(accept).headers(this::sendCookies).exchange().expectBody().returnResult());
	}

	/** A URL as given (a redirect's Location, say): already encoded, so not a template to expand. */
	EntityExchangeResult<byte[]> get(java.net.URI url, MediaType accept) {
		return remember(http.get().uri(url).accept(accept).headers(this::sendCookies).exchange().expectBody().returnResult());
	}

	public EntityExchangeResult<byte[]> send(String method, String path, String json, boolean withCsrfHeader) {
		WebTestClient.RequestBodySpec request = http.method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(path)
			.headers(this::sendCookies)
			.accept(MediaType.APPLICATION_JSON);
		if (withCsrfHeader) {
			request = request.header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""));
		}
		WebTestClient.RequestHeadersSpec<?> ready = json == null ? request
				: request.contentType(MediaType.APPLICATION_JSON).bodyValue(json);
		return remember(ready.exchange().expectBody().returnResult());
	}

	private void sendCookies(HttpHeaders headers) {
		if (!cookies.isEmpty()) {
			headers.set(HttpHeaders.COOKIE, String.join("; ", cookies.entrySet()
				.stream()
				.map(cookie -> cookie.getKey() + "=" + cookie.getValue())
				.toList()));
		}
	}

	private EntityExchangeResult<byte[]> remember(EntityExchangeResult<byte[]> result) {
		for (Map.Entry<String, java.util.List<ResponseCookie>> cookie : result.getResponseCookies().entrySet()) {
			ResponseCookie last = cookie.getValue().getLast();
			if (last.getValue().isEmpty() || last.getMaxAge().isZero()) {
				cookies.remove(cookie.getKey());
			}
			else {
				cookies.put(cookie.getKey(), last.getValue());
			}
		}
		return result;
	}

}
