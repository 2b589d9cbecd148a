package dev.rapport.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.rapport.gateway.problem.GatewayProblemException;

/**
 * One circuit breaker per upstream service (the routes name them: {@code contacts-service}, ...), all with the
 * settings of {@link CircuitBreakerProperties}. Resilience4j's own time limiter is switched off in
 * application.yml: the HTTP client's response timeout is the one timeout, so a slow but permitted answer is never
 * cut at Resilience4j's 1 s default.
 */
@Configuration(proxyBeanMethods = false)
class UpstreamCircuitBreakers {

	@Bean
	Customizer<ReactiveResilience4JCircuitBreakerFactory> upstreamCircuitBreakerDefaults(
			CircuitBreakerProperties properties) {
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(properties.slidingWindowSize())
			.minimumNumberOfCalls(properties.minimumNumberOfCalls())
			.failureRateThreshold(properties.failureRateThreshold())
			.waitDurationInOpenState(properties.openFor())
			.permittedNumberOfCallsInHalfOpenState(properties.halfOpenCalls())
			// A request the gateway refuses (too large) says nothing about the service's health.
			.ignoreExceptions(GatewayProblemException.class)
			.build();
		return factory -> factory
			.configureDefault(id -> new Resilience4JConfigBuilder(id).circuitBreakerConfig(config).build());
	}

}
