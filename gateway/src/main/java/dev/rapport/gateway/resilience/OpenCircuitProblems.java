package dev.rapport.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import dev.rapport.gateway.problem.FailureProblems;
import dev.rapport.gateway.problem.GatewayProblems;

/** An open circuit that reached the error handler: 503, with the {@code Retry-After} the circuit stays open for. */
@Component
class OpenCircuitProblems implements FailureProblems {

	private final CircuitBreakerProperties circuitBreaker;

	OpenCircuitProblems(CircuitBreakerProperties circuitBreaker) {
		this.circuitBreaker = circuitBreaker;
	}

	@Override
	public ProblemDetail describe(Throwable failure, String path, HttpHeaders headers) {
		if (!GatewayProblems.causedBy(failure, CallNotPermittedException.class)) {
			return null;
		}
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(circuitBreaker.retryAfterSeconds()));
		return GatewayProblems.of(HttpStatus.SERVICE_UNAVAILABLE,
				"The service behind %s is unavailable right now; try again later".formatted(path), path);
	}

}
