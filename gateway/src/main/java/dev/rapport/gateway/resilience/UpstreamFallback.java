package dev.rapport.gateway.resilience;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import dev.rapport.defaults.FeedSecrets;
import dev.rapport.gateway.problem.GatewayProblemException;
import dev.rapport.gateway.problem.GatewayProblems;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.addOriginalRequestUrl;

/**
 * What a route's circuit breaker forwards to ({@code forward:/fallback/<service>}) when the call failed or the
 * circuit is open: a 503 problem naming the service, with {@code Retry-After}, instead of a hang or an empty 5xx.
 * A timeout stays a 504 and a request the gateway refused keeps its own problem. Reached directly by a client,
 * the path does not exist.
 */
@Configuration(proxyBeanMethods = false)
class UpstreamFallback {

	private static final Logger log = LoggerFactory.getLogger(UpstreamFallback.class);

	private final GatewayProblems problems;

	private final CircuitBreakerProperties circuitBreaker;

	UpstreamFallback(GatewayProblems problems, CircuitBreakerProperties circuitBreaker) {
		this.problems = problems;
		this.circuitBreaker = circuitBreaker;
	}

	/** Keeps the URL the client asked for: the fallback is reached with the request rewritten to its own path. */
	@Bean
	GlobalFilter rememberClientUrl() {
		return new RememberClientUrl();
	}

	@Bean
	RouterFunction<ServerResponse> upstreamFallbackRoute() {
		return RouterFunctions.route(RequestPredicates.path("/fallback/{service}"), this::answer);
	}

	Mono<ServerResponse> answer(ServerRequest request) {
		Throwable failure = request.exchange().getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
		String path = originalPath(request);
		if (failure == null) {
			return problems.response(GatewayProblems.of(HttpStatus.NOT_FOUND,
					"There is no API resource at %s".formatted(path), path), HttpHeaders.EMPTY);
		}
		String service = request.pathVariable("service");
		if (failure instanceof GatewayProblemException refused) {
			return problems.response(GatewayProblems.of(refused.getStatusCode(), refused.detail(), path),
					HttpHeaders.EMPTY);
		}
		if (timedOut(failure)) {
			log.warn("{} did not answer {} {} in time", service, request.method(), FeedSecrets.redact(path));
			return problems.response(GatewayProblems.of(HttpStatus.GATEWAY_TIMEOUT,
					"%s did not answer in time".formatted(service), path), HttpHeaders.EMPTY);
		}
		if (failure instanceof CallNotPermittedException) {
			log.debug("{} circuit open, refused {} {}", service, request.method(), FeedSecrets.redact(path));
		}
		else {
			log.warn("{} unavailable for {} {}: {}", service, request.method(), FeedSecrets.redact(path),
					GatewayProblems.summary(failure));
		}
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(circuitBreaker.retryAfterSeconds()));
		return problems.response(GatewayProblems.of(HttpStatus.SERVICE_UNAVAILABLE, GatewayProblems.SERVICE_UNAVAILABLE,
				"%s is unavailable right now; try again later".formatted(service), path), headers);
	}

	private static boolean timedOut(Throwable failure) {
		return GatewayProblems.causedBy(failure, TimeoutException.class)
				|| GatewayProblems.causedBy(failure, org.springframework.cloud.gateway.support.TimeoutException.class)
				|| (failure instanceof ResponseStatusException status
						&& status.getStatusCode().isSameCodeAs(HttpStatus.GATEWAY_TIMEOUT));
	}

	static final class RememberClientUrl implements GlobalFilter, Ordered {

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
			addOriginalRequestUrl(exchange, exchange.getRequest().getURI());
			return chain.filter(exchange);
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

	/** The path the client asked for: the circuit breaker has rewritten the request to the fallback's. */
	private static String originalPath(ServerRequest request) {
		Set<URI> originals = request.exchange().getAttribute(GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
		if (originals != null && !originals.isEmpty()) {
			return originals.iterator().next().getRawPath();
		}
		return request.exchange().getRequest().getURI().getRawPath();
	}

}
