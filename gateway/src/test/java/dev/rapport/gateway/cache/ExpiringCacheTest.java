package dev.rapport.gateway.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An entry lasts until its own instant and not a nanosecond more, and the cache holds at most its bound. */
class ExpiringCacheTest {

	/** A clock the test moves: what the cache's ticker reads. */
	static final class MovingClock extends Clock {

		Instant now = Instant.parse("2026-12-01T12:00:00Z");

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

	final MovingClock clock = new MovingClock();

	@Test
	void anEntryIsGoneAtItsInstant() {
		ExpiringCache<String, String> cache = new ExpiringCache<>(clock, 100);
		cache.put("token", "member", clock.instant().plusSeconds(10));

		clock.advance(Duration.ofSeconds(10).minusNanos(1));
		assertThat(cache.get("token")).isEqualTo("member");
		clock.advance(Duration.ofNanos(1));
		assertThat(cache.get("token")).isNull();
		// Caffeine frees expired entries by time buckets about a second wide; unseen until then, gone after.
		clock.advance(Duration.ofSeconds(2));
		assertThat(cache.size()).isZero();
	}

	@Test
	void eachEntryHasItsOwnInstant() {
		ExpiringCache<String, String> cache = new ExpiringCache<>(clock, 100);
		// An access token that expires in 3 s is not trusted for the usual 10 s.
		cache.put("expiring", "a", clock.instant().plusSeconds(3));
		cache.put("lasting", "b", clock.instant().plusSeconds(10));

		clock.advance(Duration.ofSeconds(3));
		assertThat(cache.get("expiring")).isNull();
		assertThat(cache.get("lasting")).isEqualTo("b");
	}

	@Test
	void anEntryWhoseInstantHasPassedIsNotKept() {
		ExpiringCache<String, String> cache = new ExpiringCache<>(clock, 100);
		Instant until = clock.instant().plusSeconds(10);
		cache.put("token", "member", until);
		clock.advance(Duration.ofSeconds(10));
		assertThat(cache.get("token")).isNull();

		cache.put("token", "member", until);
		assertThat(cache.get("token")).as("its instant has passed already").isNull();
	}

	@Test
	void holdsNoMoreThanItsBound() {
		ExpiringCache<Integer, String> cache = new ExpiringCache<>(clock, 50);
		for (int i = 0; i < 1_000; i++) {
			cache.put(i, "value " + i, clock.instant().plusSeconds(10));
		}
		assertThat(cache.size()).isLessThanOrEqualTo(50);
	}

	@Test
	void forgetsWhatMatchesAtOnce() {
		ExpiringCache<String, String> cache = new ExpiringCache<>(clock, 100);
		cache.put("one", "member-1", clock.instant().plusSeconds(10));
		cache.put("two", "member-2", clock.instant().plusSeconds(10));
		cache.removeIf("member-1"::equals);
		cache.remove("two");
		assertThat(cache.get("one")).isNull();
		assertThat(cache.get("two")).isNull();
	}

}
