package dev.rapport.gateway.cors;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.rapport.gateway.problem.GatewayProblems;

/**
 * The API's CORS policy, applied once at the gateway: preflights are answered here and never reach a service, and a
 * cross-origin request from an origin not allowed gets a 403 problem. The policy is a
 * {@link CorsConfigurationSource} bean, so a security filter chain added later can use the same one.
 */
@Configuration(proxyBeanMethods = false)
class CorsPolicy {

	/** The methods the API has. */
	static final List<String> METHODS = List.of(HttpMethod.GET.name(), HttpMethod.HEAD.name(), HttpMethod.POST.name(),
			HttpMethod.PATCH.name(), HttpMethod.DELETE.name());

	/** The request headers the API reads, and the trace context a browser may propagate. */
	static final List<String> REQUEST_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
			HttpHeaders.ACCEPT, HttpHeaders.IF_MATCH, "Idempotency-Key", "X-Time-Zone", "X-XSRF-TOKEN", "traceparent",
			"tracestate");

	/** The response headers a browser script may read. */
	static final List<String> EXPOSED_HEADERS = List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION,
			HttpHeaders.RETRY_AFTER, "Idempotent-Replayed");

	/** Before Spring Security's filter chain (-100), after the observation filter. */
	static final int ORDER = -200;

	@Bean
	CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
		CorsConfiguration api = new CorsConfiguration();
		api.setAllowedOrigins(properties.allowedOrigins());
		api.setAllowCredentials(true);
		api.setAllowedMethods(METHODS);
		api.setAllowedHeaders(REQUEST_HEADERS);
		api.setExposedHeaders(EXPOSED_HEADERS);
		api.setMaxAge(properties.maxAge());
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", api);
		return source;
	}

	@Bean
	CorsFilter corsFilter(CorsConfigurationSource source, GatewayProblems problems) {
		return new CorsFilter(source, problems);
	}

	/** Spring's CorsWebFilter, except that a refusal is a problem+json answer rather than an empty 403. */
	static final class CorsFilter implements WebFilter, org.springframework.core.Ordered {

		private final CorsConfigurationSource source;

		private final CorsProcessor processor = new DefaultCorsProcessor();

		private final GatewayProblems problems;

		CorsFilter(CorsConfigurationSource source, GatewayProblems problems) {
			this.source = source;
			this.problems = problems;
		}

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			ServerHttpRequest request = exchange.getRequest();
			if (!processor.process(source.getCorsConfiguration(exchange), exchange)) {
				String path = request.getURI().getRawPath();
				String detail = "Origin %s may not call %s %s from a browser".formatted(
						request.getHeaders().getOrigin(), preflightMethod(request), path);
				return problems.write(exchange,
						GatewayProblems.of(HttpStatus.FORBIDDEN, GatewayProblems.CORS_REJECTED, detail, path),
						HttpHeaders.EMPTY);
			}
			if (CorsUtils.isPreFlightRequest(request)) {
				return Mono.empty();
			}
			return chain.filter(exchange);
		}

		private static String preflightMethod(ServerHttpRequest request) {
			if (CorsUtils.isPreFlightRequest(request)) {
				HttpMethod requested = request.getHeaders().getAccessControlRequestMethod();
				return requested == null ? "?" : requested.name();
			}
			return request.getMethod().name();
		}

		@Override
		public int getOrder() {
			return ORDER;
		}

	}

}
