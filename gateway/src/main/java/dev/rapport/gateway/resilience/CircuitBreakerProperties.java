package dev.rapport.gateway.resilience;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How each upstream service's circuit breaker decides (count-based window) and how long it stays open.
 *
 * @param failureRateThreshold percentage of failed calls in the window that opens the circuit
 * @param slidingWindowSize calls the failure rate is computed over
 * @param minimumNumberOfCalls calls needed before the rate counts at all
 * @param openFor how long an open circuit answers 503 at once before letting trial calls through; also the
 * {@code Retry-After} clients are given
 * @param halfOpenCalls trial calls let through after {@code openFor}
 */
@ConfigurationProperties("rapport.gateway.circuit-breaker")
public record CircuitBreakerProperties(float failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
		Duration openFor, int halfOpenCalls) {

	/** {@code openFor} in whole seconds, at least one: what a {@code Retry-After} header can say. */
	public long retryAfterSeconds() {
		return Math.max(1, (openFor.toMillis() + 999) / 1000);
	}

}
