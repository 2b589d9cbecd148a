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
import static org.awaitility.Awaitility.await;

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
		double fallbacksBefore = fallbacks();

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
		assertThat(fallbacks()).as("every decision from Redis").isEqualTo(fallbacksBefore);
	}

	@Test
	void aBucketRefillsOnRedisTimeAndExpiresOnceItWouldBeFull() {
		RedisTokenBuckets buckets = instance();
		String key = "token:" + System.nanoTime();
		RateLimiter.Limit onePerSecond = new RateLimiter.Limit(1, 2);

		try (RedisClient client = RedisClient.create(redis.url());
				StatefulRedisConnection<String, String> raw = client.connect()) {
			assertThat(buckets.acquire(key, onePerSecond).block().allowed()).isTrue();
			assertThat(buckets.acquire(key, onePerSecond).block().allowed()).isTrue();
			RateLimiter.Decision refused = buckets.acquire(key, onePerSecond).block();
			assertThat(refused.allowed()).as("two taken within a second of each other").isFalse();
			assertThat(refused.retryAfter()).isBetween(Duration.ofMillis(1), Duration.ofSeconds(1));

			long ttl = raw.sync().pttl("rapport:rate-limit:" + key);
			// An empty bucket of two at 1/s is full again within 2 s; it may go a second after that.
			assertThat(ttl).isBetween(1L, 3000L);
		}
		awaitAllowed(buckets, key, onePerSecond);
	}

	@Test
	void withoutRedisEachInstanceLimitsOnItsOwnAndSharesAgainWhenRedisIsBack() {
		RedisTokenBuckets buckets = instance();
		String key = "token:" + System.nanoTime();
		RateLimiter.Limit three = new RateLimiter.Limit(0.01, 3);
		assertThat(buckets.acquire(key, three).block().allowed()).isTrue();
		double fallbacksBefore = fallbacks();

		redis.takeAway();
		try {
			List<Boolean> allowed = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				allowed.add(buckets.acquire(key, three).block(Duration.ofSeconds(5)).allowed());
			}
			assertThat(allowed).as("this instance's own bucket: a fresh burst of three, then refusals")
				.containsExactly(true, true, true, false, false);
			assertThat(fallbacks() - fallbacksBefore).as("each decision counted as this instance's own").isEqualTo(5);
		}
		finally {
			redis.bringBack();
		}

		// Back on Redis (the restarted server is empty): what another instance takes, this one no longer has.
		String after = "token:after-" + System.nanoTime();
		awaitSharedDecisions(buckets, after);
		RedisTokenBuckets other = instance();
		assertThat(other.acquire(after, three).block().allowed()).isTrue();
		assertThat(other.acquire(after, three).block().allowed()).isTrue();
		assertThat(buckets.acquire(after, three).block().allowed())
			.as("this instance's probe and the other instance's two requests took the three permits")
			.isFalse();
	}

	/**
	 * An instance that has answered from Redis once (its connection made and the script loaded, which a loaded
	 * machine may take its time over). The timeout is generous: these tests are about sharing, not speed.
	 */
	private RedisTokenBuckets instance() {
		RedisTokenBuckets instance = new RedisTokenBuckets(redis.url(), Duration.ofSeconds(2),
				new TokenBuckets(Clock.systemUTC()), meters);
		instances.add(instance);
		awaitSharedDecisions(instance, "warm-up:" + System.nanoTime());
		return instance;
	}

	private double fallbacks() {
		return meters.counter("rapport.gateway.rate-limit.fallback").count();
	}

	/** Until one decision came from Redis (the fallback count stays put); that probe takes one permit. */
	private void awaitSharedDecisions(RedisTokenBuckets buckets, String key) {
		await("a decision from Redis").atMost(Duration.ofSeconds(20))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> {
				double before = fallbacks();
				buckets.acquire(key, new RateLimiter.Limit(0.01, 3)).block(Duration.ofSeconds(5));
				return fallbacks() == before;
			});
	}

	private static void awaitAllowed(RedisTokenBuckets buckets, String key, RateLimiter.Limit limit) {
		await("refilled").atMost(Duration.ofSeconds(5))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(10))
			.until(() -> buckets.acquire(key, limit).block().allowed());
	}

}
