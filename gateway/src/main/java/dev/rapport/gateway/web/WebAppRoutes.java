package dev.rapport.gateway.web;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The web app (module {@code web}, on the classpath under {@code static/}): Spring Boot serves its files from there
 * ({@code /index.html}, {@code /assets/...}) after the gateway's routes; this adds its client-side routes, so a page
 * such as {@code /contacts/123} loaded or reloaded in a browser gets {@code index.html}. Only page requests (GET,
 * {@code Accept: text/html}, no file extension) outside the paths the gateway itself answers: this router function is
 * asked before the gateway's routes, so it must never claim theirs. Security runs first either way (a page needs a
 * session: the entry point sends a browser to {@code /login}, which brings it back here after sign-in).
 */
@Configuration(proxyBeanMethods = false)
class WebAppRoutes {

	/** Paths the gateway answers itself, or routes: never the web app's. */
	static final List<String> RESERVED = List.of("/api/", "/login", "/logout", "/oauth2/", "/actuator", "/docs",
			"/v3/", "/webjars/", "/swagger-ui", "/fallback/", "/.well-known/", "/assets/", "/feeds/",
			"/links/");

	private static final Resource INDEX = new ClassPathResource("static/index.html");

	@Bean
	RouterFunction<ServerResponse> webAppClientRoutes() {
		if (!INDEX.exists()) {
			return RouterFunctions.route(request -> false, request -> ServerResponse.notFound().build());
		}
		RequestPredicate page = request -> request.method() == HttpMethod.GET
				// text/html named, as a browser's page request does: */* (curl, API clients) is no page request,
				// and a gateway route on a plain path (a test's /no-fallback/x) must stay the route's.
				&& request.headers().accept().stream().anyMatch(type -> type.equalsTypeAndSubtype(MediaType.TEXT_HTML))
				&& isClientRoute(request.path());
		return RouterFunctions.route(page, request -> ServerResponse.ok()
			.contentType(MediaType.TEXT_HTML)
			.cacheControl(CacheControl.noCache())
			.bodyValue(INDEX));
	}

	/**
	 * Plain segments only (letters, digits, '-', '_'): nothing percent-encoded, no dot (a file), no empty segment, so
	 * an odd spelling of a reserved path ({@code /%61pi/...}, {@code /API/...}) never gets the page.
	 */
	private static final Pattern CLIENT_ROUTE = Pattern.compile("/|(/[A-Za-z0-9_-]+)+/?");

	static boolean isClientRoute(String path) {
		String lower = path.toLowerCase(Locale.ROOT);
		return CLIENT_ROUTE.matcher(path).matches() && RESERVED.stream()
			.noneMatch(reserved -> lower.startsWith(reserved) || lower.equals(stripSlash(reserved)));
	}

	private static String stripSlash(String reserved) {
		return reserved.endsWith("/") ? reserved.substring(0, reserved.length() - 1) : reserved;
	}

}
