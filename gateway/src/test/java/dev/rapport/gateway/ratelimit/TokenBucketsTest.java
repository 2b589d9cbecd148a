package dev.rapport.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketsTest {

	private Instant now = Instant.parse("2026-11-25T10:00:00Z");

	private final TokenBuckets buckets = new TokenBuckets(new Clock() {
		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}
	});

	private static final RateLimiter.Limit FIVE_PER_SECOND_BURST_TEN = new RateLimiter.Limit(5, 10);

	@Test
	void aBurstPassesThenTheCallerWaitsForTheRefill() {
		for (int i = 0; i < 10; i++) {
			assertThat(buckets.acquireNow("a", FIVE_PER_SECOND_BURST_TEN).allowed()).as("request %d", i).isTrue();
		}

		RateLimiter.Decision refused = buckets.acquireNow("a", FIVE_PER_SECOND_BURST_TEN);

		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(200));
		now = now.plusMillis(200);
		assertThat(buckets.acquireNow("a", FIVE_PER_SECOND_BURST_TEN).allowed()).isTrue();
		assertThat(buckets.acquireNow("a", FIVE_PER_SECOND_BURST_TEN).allowed()).isFalse();
	}

	@Test
	void keysHaveTheirOwnBucketsAndAQuietBucketRefillsOnlyToCapacity() {
		for (int i = 0; i < 10; i++) {
			buckets.acquireNow("a", FIVE_PER_SECOND_BURST_TEN);
		}
		assertThat(buckets.acquireNow("b", FIVE_PER_SECOND_BURST_TEN).allowed()).isTrue();

		now = now.plus(Duration.ofHours(1));

		assertThat(buckets.acquireNow("a", FIVE_PER_SECOND_BURST_TEN).remaining()).as("capped at the burst").isEqualTo(9);
	}

}
