package dev.rapport.gateway.ratelimit;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.rapport.gateway.problem.GatewayProblems;

/**
 * Rate limiting: in this instance's memory, or in a Redis that every gateway instance shares when
 * {@code rapport.gateway.rate-limit.redis-url} is set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
@ConditionalOnProperty(name = "rapport.gateway.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
class RateLimitConfiguration {

	@Bean
	@ConditionalOnMissingBean(RateLimiter.class)
	RateLimiter rateLimiter(RateLimitProperties properties, Clock clock, MeterRegistry meters) {
		TokenBuckets local = new TokenBuckets(clock);
		return properties.shared()
				? new RedisTokenBuckets(properties.redisUrl(), properties.redisTimeout(), local, meters) : local;
	}

	@Bean
	RateLimitFilter rateLimitFilter(RateLimiter limiter, RateLimitProperties properties, GatewayProblems problems,
			MeterRegistry meters) {
		return new RateLimitFilter(limiter, properties, problems, meters);
	}

	@Bean
	SignInRateLimitFilter signInRateLimitFilter(RateLimitFilter limits) {
		return new SignInRateLimitFilter(limits);
	}

}
