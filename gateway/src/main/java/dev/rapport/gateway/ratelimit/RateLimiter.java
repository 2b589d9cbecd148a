package dev.rapport.gateway.ratelimit;

import java.time.Duration;

import reactor.core.publisher.Mono;

/** Decides whether one more request under a key fits its limit. */
public interface RateLimiter {

	Mono<Decision> acquire(String key, Limit limit);

	/** {@code permitsPerSecond} sustained, up to {@code capacity} at once. */
	record Limit(double permitsPerSecond, int capacity) {
	}

	/** Allowed with {@code remaining} permits left, or refused until {@code retryAfter} has passed. */
	record Decision(boolean allowed, long remaining, Duration retryAfter) {

		static Decision allowed(long remaining) {
			return new Decision(true, remaining, Duration.ZERO);
		}

		static Decision refused(Duration retryAfter) {
			return new Decision(false, 0, retryAfter);
		}

	}

}
