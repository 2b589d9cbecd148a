package dev.rapport.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

/**
 * Token buckets in this gateway's memory: right for one gateway instance, with no infrastructure. Each key's bucket
 * holds up to {@code capacity} permits and refills continuously; a request takes one or is told how long to wait.
 * Several gateway instances would each allow the full rate: they share buckets through {@code RedisTokenBuckets}.
 */
public final class TokenBuckets implements RateLimiter {

	private static final int MAX_KEYS = 100_000;

	private final Clock clock;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	public TokenBuckets(Clock clock) {
		this.clock = clock;
	}

	private static final class Bucket {

		double permits;

		long updatedNanos;

		Bucket(double permits, long updatedNanos) {
			this.permits = permits;
			this.updatedNanos = updatedNanos;
		}

	}

	@Override
	public Mono<Decision> acquire(String key, Limit limit) {
		return Mono.just(acquireNow(key, limit));
	}

	Decision acquireNow(String key, Limit limit) {
		long now = clock.millis() * 1_000_000L;
		if (buckets.size() > MAX_KEYS) {
			// Idle buckets are full buckets: forgetting them all at once loses nothing but memory.
			buckets.clear();
		}
		Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit.capacity(), now));
		synchronized (bucket) {
			double refill = (now - bucket.updatedNanos) / 1e9 * limit.permitsPerSecond();
			bucket.permits = Math.min(limit.capacity(), bucket.permits + Math.max(0, refill));
			bucket.updatedNanos = now;
			if (bucket.permits >= 1) {
				bucket.permits -= 1;
				return Decision.allowed((long) Math.floor(bucket.permits));
			}
			double wait = (1 - bucket.permits) / limit.permitsPerSecond();
			return Decision.refused(Duration.ofMillis((long) Math.ceil(wait * 1000)));
		}
	}

}
