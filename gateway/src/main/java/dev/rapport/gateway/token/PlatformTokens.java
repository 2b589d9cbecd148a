package dev.rapport.gateway.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.rapport.tokens.TokenSigner;

/**
 * Signs the short-lived platform token the gateway forwards for a caller (user id, team, roles). A token is reused
 * while it has over half its life left, so a busy caller costs one RSA signature per few minutes, not per request.
 */
@Component
public class PlatformTokens {

	private static final int MAX_CACHED = 10_000;

	private final SigningKeys keys;

	private final IdentityProperties.Signing settings;

	private final Clock clock;

	private final Map<CacheKey, Signed> cache = new ConcurrentHashMap<>();

	private record CacheKey(RapportUser user, String kid) {
	}

	private record Signed(String token, Instant reuseUntil) {
	}

	PlatformTokens(SigningKeys keys, IdentityProperties properties, Clock clock) {
		this.keys = keys;
		this.settings = properties.signing();
		this.clock = clock;
	}

	public String tokenFor(RapportUser user) {
		SigningKeys.StoredKey key = keys.active();
		Instant now = clock.instant();
		CacheKey cacheKey = new CacheKey(withoutAccessToken(user), key.kid());
		Signed cached = cache.get(cacheKey);
		if (cached != null && cached.reuseUntil().isAfter(now)) {
			return cached.token();
		}
		if (cache.size() > MAX_CACHED) {
			cache.clear();
		}
		String token = new TokenSigner(key.pair(), key.kid(), settings.issuer(), settings.audience(), clock)
			.sign(user.userId(), user.teamId(), user.roles(), settings.tokenTtl());
		cache.put(cacheKey, new Signed(token, now.plus(settings.tokenTtl().dividedBy(2))));
		return token;
	}

	/** Tokens of one member carry the same claims: they share a signed token. */
	private static RapportUser withoutAccessToken(RapportUser user) {
		return user.accessTokenId() == null ? user
				: new RapportUser(user.userId(), user.teamId(), user.email(), user.displayName(), user.roles(), null);
	}

	Duration ttl() {
		return settings.tokenTtl();
	}

}
