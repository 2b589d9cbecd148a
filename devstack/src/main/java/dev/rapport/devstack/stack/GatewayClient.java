package dev.rapport.devstack.stack;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signs in at the gateway as a person would (login form, session cookie, CSRF token) and uses the account API:
 * how devstack gets the personal access token it prints, and how the load generator gets a team of its own.
 */
public final class GatewayClient {

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final URI gateway;

	private final CookieManager cookies;

	private final HttpClient http;

	private GatewayClient(URI gateway) {
		this(gateway, new CookieManager());
	}

	/**
	 * HTTP/1.1, as every other tool here speaks to the gateway (the JDK's default, HTTP/2 with an h2c upgrade on each
	 * new connection, once hung a system test's request until its timeout: SystemHttp).
	 */
	private GatewayClient(URI gateway, CookieManager cookies) {
		this.gateway = gateway;
		this.cookies = cookies;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.cookieHandler(cookies)
			.connectTimeout(Duration.ofSeconds(2))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** Signs in with a password; fails with the gateway's answer when it does not accept it. */
	public static GatewayClient signIn(URI gateway, String email, String password) {
		GatewayClient client = new GatewayClient(gateway);
		client.send(HttpRequest.newBuilder(gateway.resolve("/login")).GET().build());
		String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8);
		HttpResponse<String> login = client.send(HttpRequest.newBuilder(gateway.resolve("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-XSRF-TOKEN", client.csrfToken())
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
		String location = login.headers().firstValue("Location").orElse("");
		if (login.statusCode() != 302 || location.contains("error")) {
			throw new IllegalStateException("The gateway refused the sign-in of " + email + " (" + login.statusCode()
					+ " " + location + ")");
		}
		return client;
	}

	/** A new personal access token for the signed-in member; the secret, shown this once. */
	public String createAccessToken(String name) {
		return post("/api/me/tokens", JSON.createObjectNode().put("name", name).toString(), 201).get("token")
			.asString();
	}

	/** As an operator: a new team and its first admin, who can then sign in with {@code password}. */
	public void createTeam(String name, String adminEmail, String password) {
		String body = JSON.createObjectNode()
			.put("name", name)
			.set("admin", JSON.createObjectNode()
				.put("email", adminEmail)
				.put("displayName", "Admin of " + name)
				.put("password", password))
			.toString();
		post("/api/teams", body, 201);
	}

	/** Whether a personal access token still gets in (it may have been revoked). */
	static boolean accepts(URI gateway, String accessToken) {
		HttpResponse<String> me = new GatewayClient(gateway).send(HttpRequest.newBuilder(gateway.resolve("/api/me"))
			.header("Authorization", "Bearer " + accessToken)
			.GET()
			.build());
		return me.statusCode() == 200;
	}

	URI gateway() {
		return gateway;
	}

	/**
	 * The same browser (its cookies: the session and the CSRF token) talking to another gateway instance on this
	 * host, as a load balancer would send its next request there. Cookies are per host, not per port.
	 */
	GatewayClient via(URI otherGateway) {
		return new GatewayClient(otherGateway, cookies);
	}

	/** Signs out (the session ends); the gateway answers with the redirect to the sign-in page. */
	HttpResponse<String> signOut() {
		return send(HttpRequest.newBuilder(gateway.resolve("/logout"))
			.header("X-XSRF-TOKEN", csrfToken())
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
	}

	/** Any call as the signed-in member, with the CSRF header a browser would send. */
	HttpResponse<String> call(String method, String path, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path))
			.timeout(Duration.ofSeconds(30))
			.header("X-XSRF-TOKEN", csrfToken());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return send(request
			.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	private JsonNode post(String path, String json, int expectedStatus) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(gateway.resolve(path))
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", csrfToken())
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
		if (response.statusCode() != expectedStatus) {
			throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
					+ response.body());
		}
		return JSON.readTree(response.body());
	}

	private String csrfToken() {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse("");
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
