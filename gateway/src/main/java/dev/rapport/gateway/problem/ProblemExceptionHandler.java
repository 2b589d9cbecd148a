package dev.rapport.gateway.problem;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import dev.rapport.defaults.FeedSecrets;

/**
 * Answers every error the gateway itself raises (no route, method not allowed, too large, upstream timeout or
 * unreachable, anything unexpected) with {@code application/problem+json}. Takes the place of Spring Boot's JSON
 * error handler; no stack trace or exception message leaves the gateway. Answers that come from a service are not
 * errors here and pass through untouched.
 */
@Component
@Order(-2)
public class ProblemExceptionHandler implements ErrorWebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

	private final GatewayProblems problems;

	private final List<FailureProblems> features;

	public ProblemExceptionHandler(GatewayProblems problems, List<FailureProblems> features) {
		this.problems = problems;
		this.features = features;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			// Too late for a problem: the status and part of an upstream answer are already on their way.
			return Mono.error(ex);
		}
		// Drop whatever an upstream answer had already put on the response (its Content-Length above all).
		ServerWebExchangeUtils.reset(exchange);
		HttpHeaders headers = new HttpHeaders();
		ProblemDetail problem = describe(ex, exchange.getRequest(), headers);
		return problems.write(exchange, problem, headers);
	}

	private ProblemDetail describe(Throwable ex, ServerHttpRequest request, HttpHeaders headers) {
		String path = request.getURI().getRawPath();
		if (ex instanceof GatewayProblemException problem) {
			return GatewayProblems.of(problem.getStatusCode(), problem.detail(), path);
		}
		if (ex instanceof ResponseStatusException status) {
			headers.addAll(status.getHeaders());
			return fromStatus(status.getStatusCode(), request, path);
		}
		if (GatewayProblems.causedBy(ex, InvalidMediaTypeException.class)) {
			return GatewayProblems.of(HttpStatus.BAD_REQUEST,
					"The Accept or Content-Type header is not a valid media type (such as application/json)", path);
		}
		for (FailureProblems feature : features) {
			ProblemDetail known = feature.describe(ex, path, headers);
			if (known != null) {
				return known;
			}
		}
		if (GatewayProblems.causedBy(ex, TimeoutException.class)
				|| GatewayProblems.causedBy(ex, org.springframework.cloud.gateway.support.TimeoutException.class)) {
			return fromStatus(HttpStatus.GATEWAY_TIMEOUT, request, path);
		}
		if (GatewayProblems.causedBy(ex, ConnectException.class)) {
			log.warn("Upstream for {} {} unreachable: {}", request.getMethod(), FeedSecrets.redact(path), GatewayProblems.summary(ex));
			return GatewayProblems.of(HttpStatus.BAD_GATEWAY,
					"The service behind %s could not be reached".formatted(path), path);
		}
		if (GatewayProblems.causedBy(ex, IOException.class)) {
			log.warn("Upstream for {} {} failed: {}", request.getMethod(), FeedSecrets.redact(path), GatewayProblems.summary(ex));
			return GatewayProblems.of(HttpStatus.BAD_GATEWAY,
					"The service behind %s closed the connection without a valid answer".formatted(path), path);
		}
		log.error("Unexpected failure on {} {}", request.getMethod(), FeedSecrets.redact(path), ex);
		return GatewayProblems.of(HttpStatus.INTERNAL_SERVER_ERROR,
				"Something went wrong in the gateway; it has been logged", path);
	}

	/** A detail of our own for each status: reasons inside exceptions are written for developers, not clients. */
	private static ProblemDetail fromStatus(HttpStatusCode status, ServerHttpRequest request, String path) {
		String detail = switch (status.value()) {
			case 404 -> "There is no API resource at %s".formatted(path);
			case 405 -> "%s is not allowed on %s".formatted(request.getMethod(), path);
			case 413 -> "The request body is too large";
			case 502 -> "The service behind %s did not answer properly".formatted(path);
			case 503 -> "The service behind %s is unavailable right now; try again later".formatted(path);
			case 504 -> "The service behind %s did not answer in time".formatted(path);
			default -> status.is5xxServerError() ? "The gateway could not complete the request"
					: "The gateway could not accept the request";
		};
		return GatewayProblems.of(status, detail, path);
	}

}
