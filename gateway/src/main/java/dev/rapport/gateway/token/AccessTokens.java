package dev.rapport.gateway.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import dev.rapport.gateway.cache.ExpiringCache;
import dev.rapport.gateway.member.MemberChanged;
import dev.rapport.gateway.member.Members;
import dev.rapport.gateway.member.RapportUser;
import dev.rapport.gateway.problem.ApiProblems;

/**
 * Personal access tokens: created, listed and revoked by their member, and the caller behind one on each request, as
 * reactive calls whose JDBC work runs on a worker pool.
 */
@Service
public class AccessTokens {

	private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

	/** How long a working access token is trusted without asking the database again. */
	static final Duration RECENT_TOKENS = Duration.ofSeconds(10);

	static final int MAX_RECENT_TOKENS = 10_000;

	private final AccessTokenStore store;

	private final Members members;

	/** Callers behind tokens that worked lately, by the hex of the token's hash. */
	private final ExpiringCache<String, RapportUser> recentTokens;

	AccessTokens(AccessTokenStore store, Members members, Clock clock) {
		this.store = store;
		this.members = members;
		this.recentTokens = new ExpiringCache<>(clock, MAX_RECENT_TOKENS);
	}

	/** A new personal access token; the secret is in the answer and nowhere else. */
	public record CreatedToken(AccessToken token, String secret) {
	}

	/**
	 * The caller behind a personal access token, or empty when it is unknown, revoked or expired. A token that worked
	 * is remembered for {@link #RECENT_TOKENS}, or until it expires if sooner (two queries saved on each request of a
	 * busy client); revoking it or changing its member forgets it here at once, and other gateway instances within
	 * that time.
	 */
	Mono<RapportUser> authenticate(String secret) {
		byte[] hash = AccessTokenSecrets.hash(secret);
		String key = HexFormat.of().formatHex(hash);
		RapportUser recent = recentTokens.get(key);
		if (recent != null) {
			return Mono.just(recent);
		}
		Instant now = now();
		return blocking(() -> store.tokenByHash(hash)
			.filter(token -> token.usableAt(now))
			.flatMap(token -> members.find(token.memberId()).map(member -> {
				store.touch(token.id(), now);
				Instant expires = token.expiresAt();
				Instant until = expires != null && expires.isBefore(now.plus(RECENT_TOKENS)) ? expires
						: now.plus(RECENT_TOKENS);
				RapportUser user = member.user(token.id());
				recentTokens.put(key, user, until);
				return user;
			}))
			.orElse(null));
	}

	public Mono<CreatedToken> createToken(RapportUser caller, String name, Integer expiresInDays) {
		return blocking(() -> {
			Instant now = now();
			String secret = AccessTokenSecrets.generate();
			AccessToken token = new AccessToken(UUID.randomUUID(), caller.userId(), name.strip(),
					AccessTokenSecrets.displayPrefix(secret), now,
					expiresInDays == null ? null : now.plus(Duration.ofDays(expiresInDays)), null, null);
			store.insert(token, AccessTokenSecrets.hash(secret));
			log.info("Member {} created access token {}", caller.userId(), token.id());
			return new CreatedToken(token, secret);
		});
	}

	public Mono<List<AccessToken>> tokens(RapportUser caller) {
		return blocking(() -> store.tokens(caller.userId()));
	}

	/** Revokes one of the caller's tokens; someone else's is "not found". Revoking twice is fine. */
	public Mono<Void> revokeToken(RapportUser caller, UUID tokenId) {
		return blocking(() -> {
			store.token(caller.userId(), tokenId).orElseThrow(() -> ApiProblems.notFound("Access token"));
			store.revoke(tokenId, now());
			recentTokens.removeIf(user -> tokenId.equals(user.accessTokenId()));
			log.info("Member {} revoked access token {}", caller.userId(), tokenId);
			return null;
		}).then();
	}

	/** A member removed or changed: their tokens carry it (or fail) from the next request. */
	@EventListener
	void forget(MemberChanged changed) {
		recentTokens.removeIf(user -> changed.memberId().equals(user.userId()));
	}

	private Instant now() {
		return members.now();
	}

	private static <T> Mono<T> blocking(Callable<T> call) {
		return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
	}

}
