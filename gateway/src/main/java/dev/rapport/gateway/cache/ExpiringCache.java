package dev.rapport.gateway.cache;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * What the gateway remembers for a short while (an access token that worked, a session's member, a signed platform
 * token), each entry until an instant of its own: gone at that instant, never later, and the least worth keeping go
 * first past {@code maximumSize}. Caffeine, read through the gateway's {@link Clock}, so a test moves time instead
 * of sleeping.
 */
public final class ExpiringCache<K, V> {

	private record Entry<V>(V value, Instant until) {
	}

	private final Clock clock;

	private final Cache<K, Entry<V>> cache;

	public ExpiringCache(Clock clock, long maximumSize) {
		this.clock = clock;
		this.cache = Caffeine.newBuilder()
			.ticker(() -> nanos(clock.instant()))
			.maximumSize(maximumSize)
			.expireAfter(new Expiry<K, Entry<V>>() {

				@Override
				public long expireAfterCreate(K key, Entry<V> entry, long now) {
					return Math.max(0, nanos(entry.until()) - now);
				}

				@Override
				public long expireAfterUpdate(K key, Entry<V> entry, long now, long remaining) {
					return expireAfterCreate(key, entry, now);
				}

				@Override
				public long expireAfterRead(K key, Entry<V> entry, long now, long remaining) {
					return remaining;
				}

			})
			.build();
	}

	/** The value remembered for {@code key}, or null when there is none or its time is up. */
	public V get(K key) {
		Entry<V> entry = cache.getIfPresent(key);
		// Caffeine expires it at its instant; this holds even if the clock was set back since (devstack shifts it).
		return entry != null && entry.until().isAfter(clock.instant()) ? entry.value() : null;
	}

	/** Remembers {@code value} until {@code until}; nothing when that has passed already. */
	public void put(K key, V value, Instant until) {
		cache.put(key, new Entry<>(value, until));
	}

	public void remove(K key) {
		cache.invalidate(key);
	}

	/** Forgets every value that matches, at once. */
	public void removeIf(Predicate<V> matches) {
		cache.asMap().values().removeIf(entry -> matches.test(entry.value()));
	}

	/** How many entries are held, once pending evictions are done: what a test of the bound reads. */
	long size() {
		cache.cleanUp();
		return cache.estimatedSize();
	}

	private static long nanos(Instant instant) {
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

}
