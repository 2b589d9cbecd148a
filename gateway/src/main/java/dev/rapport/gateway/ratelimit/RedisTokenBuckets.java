package dev.rapport.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;

/**
 * Token buckets in a Redis that every gateway instance of a deployment shares, so a caller's budget is the same
 * whichever instance serves it. One Lua script per request refills and takes a permit atomically, on Redis's own
 * clock (instances' clocks may differ); a bucket expires once it would be full again.
 * <p>
 * Redis is a limiter here, not a gate: when it does not answer within the timeout, or cannot be reached, this
 * instance decides with its own buckets (each instance then allows the full rate) and counts
 * {@code rapport.gateway.rate-limit.fallback}; after a failure it does not ask Redis again for a second (so a Redis
 * that hangs costs one timeout a second, not one per request), reconnects on its own and goes back to the shared
 * buckets. Needs Redis 5 or newer (scripts that read TIME before writing).
 */
public final class RedisTokenBuckets implements RateLimiter, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RedisTokenBuckets.class);

	private static final String KEY_PREFIX = "rapport:rate-limit:";

	/** Answers the permits left (0 or more) when allowed, or minus the milliseconds to wait when refused. */
	static final String SCRIPT = """
			local rate = tonumber(ARGV[1])
			local capacity = tonumber(ARGV[2])
			local time = redis.call('TIME')
			local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
			local bucket = redis.call('HMGET', KEYS[1], 'permits', 'at')
			local permits = tonumber(bucket[1]) or capacity
			local at = tonumber(bucket[2]) or now
			permits = math.min(capacity, permits + math.max(0, now - at) / 1000000 * rate)
			local answer
			if permits >= 1 then
			  permits = permits - 1
			  answer = math.floor(permits)
			else
			  answer = -math.max(1, math.ceil((1 - permits) / rate * 1000))
			end
			redis.call('HSET', KEYS[1], 'permits', permits, 'at', now)
			redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - permits) / rate * 1000) + 1000)
			return answer
			""";

	private static final String SCRIPT_SHA1 = sha1Hex(SCRIPT);

	private static final long RECONNECT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

	/** After Redis failed or was too slow, this instance decides on its own for this long before asking it again. */
	private static final long PAUSE_AFTER_FAILURE_NANOS = TimeUnit.SECONDS.toNanos(1);

	/** How long a starting gateway waits for its first connection (it is not serving yet). */
	private static final Duration FIRST_CONNECTION = Duration.ofSeconds(3);

	private final ClientResources resources;

	private final RedisClient client;

	private final RedisURI uri;

	private final Duration timeout;

	private final RateLimiter fallback;

	private final Counter fallbacks;

	private final AtomicReference<CompletableFuture<StatefulRedisConnection<String, String>>> connection = new AtomicReference<>();

	private volatile long lastConnectAttempt = System.nanoTime() - RECONNECT_EVERY_NANOS;

	private volatile long pausedUntil = System.nanoTime();

	private final AtomicBoolean degraded = new AtomicBoolean();

	public RedisTokenBuckets(String redisUrl, Duration timeout, RateLimiter fallback, MeterRegistry meters) {
		this.uri = RedisURI.create(redisUrl);
		this.timeout = timeout;
		this.fallback = fallback;
		this.fallbacks = meters.counter("rapport.gateway.rate-limit.fallback");
		// Reconnects soon after Redis is back (Lettuce's default backs off up to 30 s).
		this.resources = ClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
			.build();
		this.client = RedisClient.create(resources);
		// Commands fail at once while the connection is down (instead of queueing until it is back).
		this.client.setOptions(ClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(TimeoutOptions.enabled(timeout))
			// A Redis host that vanished without closing the connection is noticed by the operating system too.
			.socketOptions(SocketOptions.builder().keepAlive(true).build())
			.build());
		connect();
		awaitFirstConnection();
	}

	/** At start, Redis has a few seconds to answer; after that, requests meet this instance's own buckets. */
	private void awaitFirstConnection() {
		try {
			connection.get().get(FIRST_CONNECTION.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException e) {
			log.warn("Redis at {}:{} did not answer at start; rate limits are this instance's own until it does",
					uri.getHost(), uri.getPort());
		}
	}

	@Override
	public Mono<Decision> acquire(String key, Limit limit) {
		if (System.nanoTime() - pausedUntil < 0) {
			return fallback(key, limit, "Redis failed less than a second ago");
		}
		StatefulRedisConnection<String, String> redis = connected();
		if (redis == null) {
			return fallback(key, limit, "not connected to " + uri.getHost() + ":" + uri.getPort());
		}
		String[] keys = { KEY_PREFIX + key };
		String rate = Double.toString(limit.permitsPerSecond());
		String capacity = Integer.toString(limit.capacity());
		return Mono.<Long>from(redis.reactive().evalsha(SCRIPT_SHA1, ScriptOutputType.INTEGER, keys, rate, capacity))
			// A Redis that restarted has forgotten the script: send it whole once, which loads it again.
			.onErrorResume(RedisNoScriptException.class,
					e -> Mono.from(redis.reactive().eval(SCRIPT, ScriptOutputType.INTEGER, keys, rate, capacity)))
			.timeout(timeout)
			.map(RedisTokenBuckets::decision)
			// The answer arrives on the Redis connection's one I/O thread: the request goes on elsewhere.
			.publishOn(Schedulers.parallel())
			.doOnNext(decision -> {
				if (degraded.compareAndSet(true, false)) {
					log.info("Rate limits are shared through Redis again");
				}
			})
			.onErrorResume(e -> {
				pausedUntil = System.nanoTime() + PAUSE_AFTER_FAILURE_NANOS;
				return fallback(key, limit, e.toString());
			});
	}

	static Decision decision(long answer) {
		return answer >= 0 ? Decision.allowed(answer) : Decision.refused(Duration.ofMillis(-answer));
	}

	private Mono<Decision> fallback(String key, Limit limit, String reason) {
		fallbacks.increment();
		if (degraded.compareAndSet(false, true)) {
			log.warn("Rate limits fall back to this instance's memory until Redis answers again: {}", reason);
		}
		return fallback.acquire(key, limit);
	}

	/** The open connection, or null while there is none (then at most one attempt a second to make one). */
	private StatefulRedisConnection<String, String> connected() {
		CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
		if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
			StatefulRedisConnection<String, String> redis = current.join();
			// Down for now: Lettuce reconnects this connection by itself.
			return redis.isOpen() ? redis : null;
		}
		if (current == null || current.isCompletedExceptionally()) {
			connect();
		}
		return null;
	}

	private void connect() {
		long now = System.nanoTime();
		CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
		if (now - lastConnectAttempt < RECONNECT_EVERY_NANOS
				|| (current != null && !current.isCompletedExceptionally())) {
			return;
		}
		lastConnectAttempt = now;
		CompletableFuture<StatefulRedisConnection<String, String>> attempt;
		try {
			attempt = client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
		}
		catch (RuntimeException e) {
			attempt = CompletableFuture.failedFuture(e);
		}
		if (connection.compareAndSet(current, attempt)) {
			attempt.whenComplete((redis, failure) -> {
				if (failure != null) {
					log.debug("Could not connect to Redis at {}:{}: {}", uri.getHost(), uri.getPort(), failure.toString());
				}
			});
		}
		else {
			attempt.thenAccept(StatefulRedisConnection::close);
		}
	}

	@Override
	public void destroy() {
		CompletableFuture<StatefulRedisConnection<String, String>> current = connection.getAndSet(null);
		if (current != null) {
			current.thenAccept(StatefulRedisConnection::close);
		}
		client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		resources.shutdown(0, 2, TimeUnit.SECONDS);
	}

	private static String sha1Hex(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

}
