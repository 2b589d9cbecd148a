package dev.rapport.gateway.ratelimit;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.rapport.gateway.problem.GatewayProblems;

/** Rate limiting: in this instance's memory unless a shared limiter (Redis) is configured. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
@ConditionalOnProperty(name = "rapport.gateway.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
class RateLimitConfiguration {

	@Bean
	@ConditionalOnMissingBean(RateLimiter.class)
	RateLimiter localTokenBuckets(Clock clock) {
		return new TokenBuckets(clock);
	}

	@Bean
	RateLimitFilter rateLimitFilter(RateLimiter limiter, RateLimitProperties properties, GatewayProblems problems,
			MeterRegistry meters) {
		return new RateLimitFilter(limiter, properties, problems, meters);
	}

}
