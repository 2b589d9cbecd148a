package dev.rapport.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared token buckets against a real Redis, as two gateway instances would use them. */
class RedisTokenBucketsTest {

	/** Refills one permit in 100 s: nothing refills while a test runs, so counts are exact. */
	private static final RateLimiter.Limit TEN_THEN_SLOW = new RateLimiter.Limit(0.01, 10);

	private static TestRedis redis;

	private final List<RedisTokenBuckets> instances = new ArrayList<>();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@BeforeAll
	static void startRedis() {
		redis = TestRedis.start();
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@AfterEach
	void closeInstances() {
		instances.forEach(RedisTokenBuckets::destroy);
	}

	@Test
	void twoInstancesDrawOnOneBudget() {
		RedisTokenBuckets first = instance();
		RedisTokenBuckets second = instance();
		String key = "token:" + System.nanoTime();

		List<Long> remaining = new ArrayList<>();
		int refused = 0;
		for (int i = 0; i < 20; i++) {
			RateLimiter.Decision decision = (i % 2 == 0 ? first : second).acquire(key, TEN_THEN_SLOW).block();
			if (decision.allowed()) {
				remaining.add(decision.remaining());
			}
			else {
				refused++;
				// One permit every 100 s, and less than one was left.
				assertThat(decision.retryAfter()).isBetween(Duration.ofSeconds(90), Duration.ofSeconds(100));
			}
		}

		assertThat(remaining).as("the burst of ten, counted down across both instances")
			.containsExactly(9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L, 0L);
		assertThat(refused).isEqualTo(10);
		assertThat(meters.counter("rapport.gateway.rate-limit.fallback").count()).as("every decision from Redis")
			.isZero();
	}

	@Test
	void aBucketRefillsOnRedisTimeAndExpiresOnceItWouldBeFull() {
		RedisTokenBuckets buckets = instance();
		String key = "token:" + System.nanoTime();
		RateLimiter.Limit twentyPerSecond = new RateLimiter.Limit(20, 2);

		assertThat(buckets.acquire(key, twentyPerSecond).block().allowed()).isTrue();
		assertThat(buckets.acquire(key, twentyPerSecond).block().allowed()).isTrue();
		RateLimiter.Decision refused = buckets.acquire(key, twentyPerSecond).block();
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfter()).isBetween(Duration.ofMillis(1), Duration.ofMillis(50));

		try (RedisClient client = RedisClient.create(redis.url());
				StatefulRedisConnection<String, String> raw = client.connect()) {
			long ttl = raw.sync().pttl("rapport:rate-limit:" + key);
			// Two permits at 20/s refill in 100 ms; a second more before the empty bucket may go.
			assertThat(ttl).isBetween(1L, 1100L);
		}
		awaitAllowed(buckets, key, twentyPerSecond);
	}

	@Test
	void withoutRedisEachInstanceLimitsOnItsOwnAndSharesAgainWhenRedisIsBack() {
		RedisTokenBuckets buckets = instance();
		String key = "token:" + System.nanoTime();
		RateLimiter.Limit three = new RateLimiter.Limit(0.01, 3);
		assertThat(buckets.acquire(key, three).block().allowed()).isTrue();

		redis.takeAway();
		try {
			List<Boolean> allowed = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				allowed.add(buckets.acquire(key, three).block(Duration.ofSeconds(5)).allowed());
			}
			assertThat(allowed).as("this instance's own bucket: a fresh burst of three, then refusals")
				.containsExactly(true, true, true, false, false);
			assertThat(meters.counter("rapport.gateway.rate-limit.fallback").count()).isEqualTo(5);
		}
		finally {
			redis.bringBack();
		}

		// Back on Redis (the restarted server is empty): what another instance takes, this one no longer has.
		String after = "token:after-" + System.nanoTime();
		awaitSharedDecisions(buckets, after);
		RedisTokenBuckets other = instance();
		awaitSharedDecisions(other, after);
		assertThat(other.acquire(after, three).block().allowed()).isTrue();
		assertThat(buckets.acquire(after, three).block().allowed())
			.as("both probes and the other instance's request took the three permits")
			.isFalse();
	}

	private RedisTokenBuckets instance() {
		RedisTokenBuckets instance = new RedisTokenBuckets(redis.url(), Duration.ofMillis(500),
				new TokenBuckets(Clock.systemUTC()), meters);
		instances.add(instance);
		return instance;
	}

	/** Until one decision came from Redis (the fallback count stays put); that probe takes one permit. */
	private void awaitSharedDecisions(RedisTokenBuckets buckets, String key) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			double before = meters.counter("rapport.gateway.rate-limit.fallback").count();
			buckets.acquire(key, new RateLimiter.Limit(0.01, 3)).block(Duration.ofSeconds(5));
			if (meters.counter("rapport.gateway.rate-limit.fallback").count() == before) {
				return;
			}
			sleep(Duration.ofMillis(100));
		}
		throw new AssertionError("Redis did not answer again within 20 s");
	}

	private static void awaitAllowed(RedisTokenBuckets buckets, String key, RateLimiter.Limit limit) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (!buckets.acquire(key, limit).block().allowed()) {
			assertThat(System.nanoTime()).as("refilled within 5 s").isLessThan(deadline);
			sleep(Duration.ofMillis(10));
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError(e);
		}
	}

}
