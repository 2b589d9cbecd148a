package dev.rapport.gateway.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

import dev.rapport.gateway.cache.ExpiringCache;
import dev.rapport.gateway.member.RapportUser;
import dev.rapport.gateway.signing.SigningKeys;
import dev.rapport.gateway.signing.SigningProperties;
import dev.rapport.tokens.TokenSigner;

/**
 * Signs the short-lived platform token the gateway forwards for a caller (user id, team, roles). A token is reused
 * while it has over half its life left, so a busy caller costs one RSA signature per few minutes, not per request.
 */
@Component
public class PlatformTokens {

	private static final int MAX_CACHED = 10_000;

	private final SigningKeys keys;

	private final SigningProperties settings;

	private final Clock clock;

	/** Signed tokens, each until it has half its life left. */
	private final ExpiringCache<CacheKey, String> cache;

	private record CacheKey(RapportUser user, String kid) {
	}

	PlatformTokens(SigningKeys keys, SigningProperties settings, Clock clock) {
		this.keys = keys;
		this.settings = settings;
		this.clock = clock;
		this.cache = new ExpiringCache<>(clock, MAX_CACHED);
	}

	public String tokenFor(RapportUser user) {
		SigningKeys.StoredKey key = keys.active();
		Instant now = clock.instant();
		CacheKey cacheKey = new CacheKey(withoutAccessToken(user), key.kid());
		String cached = cache.get(cacheKey);
		if (cached != null) {
			return cached;
		}
		String token = new TokenSigner(key.pair(), key.kid(), settings.issuer(), settings.audience(), clock)
			.sign(user.userId(), user.teamId(), user.roles(), settings.tokenTtl());
		cache.put(cacheKey, token, now.plus(settings.tokenTtl().dividedBy(2)));
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
