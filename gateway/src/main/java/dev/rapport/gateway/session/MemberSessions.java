package dev.rapport.gateway.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

import dev.rapport.gateway.cache.ExpiringCache;
import dev.rapport.gateway.member.MemberChanged;
import dev.rapport.gateway.member.Members;
import dev.rapport.gateway.member.RapportAuthentication;
import dev.rapport.gateway.member.RapportUser;

/**
 * Who a browser session signed in, and when, kept in the session; on the way back out it is checked against the
 * member as they are now. A member who was removed, whose team or roles changed, or who changed their password since
 * is signed out: the session ends and the request goes on unauthenticated (401 for the API). Without this a removed
 * member's session kept its access, platform tokens included, until it expired.
 */
@Component
public class MemberSessions implements ServerSecurityContextRepository {

	private static final Logger log = LoggerFactory.getLogger(MemberSessions.class);

	/** The session attribute holding when its member signed in (or last changed their password in it). */
	static final String SIGNED_IN_AT = "rapport.signedInAt";

	private final ServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();

	/** How long a session's member, once read, is trusted without reading them again: as long as an access token. */
	static final Duration CHECKED_FOR = Duration.ofSeconds(10);

	static final int MAX_CHECKED = 10_000;

	private final Members members;

	private final Clock clock;

	/** Members as sessions were lately checked against them. */
	private final ExpiringCache<UUID, CheckedMember> checkedMembers;

	private record CheckedMember(UUID teamId, Set<String> roles, Instant credentialsChangedAt) {
	}

	MemberSessions(Members members, Clock clock) {
		this.members = members;
		this.clock = clock;
		this.checkedMembers = new ExpiringCache<>(clock, MAX_CHECKED);
	}

	@Override
	public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
		Mono<Void> saved = sessions.save(exchange, context);
		if (context == null || RapportAuthentication.userOf(context.getAuthentication()).isEmpty()) {
			return saved;
		}
		return saved.then(exchange.getSession()
			.doOnNext(session -> session.getAttributes().put(SIGNED_IN_AT, members.now()))
			.then());
	}

	/**
	 * The session that changed its member's password stays signed in; their others end. Only when the change came
	 * through that session: a request with a token may carry a session cookie it was not signed in by.
	 */
	static Mono<Void> credentialsChangedHere(ServerWebExchange exchange, Instant at) {
		if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
			return Mono.empty();
		}
		return exchange.getSession()
			.filter(WebSession::isStarted)
			.doOnNext(session -> session.getAttributes().put(SIGNED_IN_AT, at))
			.then();
	}

	@Override
	public Mono<SecurityContext> load(ServerWebExchange exchange) {
		return sessions.load(exchange)
			.flatMap(context -> RapportAuthentication.userOf(context.getAuthentication())
				.map(user -> exchange.getSession().flatMap(session -> {
					Instant signedInAt = session.getAttribute(SIGNED_IN_AT);
					return sessionStands(user, signedInAt).flatMap(stands -> {
						if (stands) {
							return Mono.just(context);
						}
						log.info("Ending a session of {}: the member was removed or changed since it signed in",
								user.userId());
						return session.invalidate().then(Mono.<SecurityContext>empty());
					});
				}))
				.orElse(Mono.just(context)))
			// Read by several filters of one request: checked once.
			.cache();
	}

	/**
	 * Whether a session that signed {@code user} in at {@code signedInAt} (null: unknown) still stands: the member is
	 * still one, with the same team and roles, and has not changed their password since. The member is read again
	 * after {@link #CHECKED_FOR}, like access tokens: removing a member, changing their role or their password ends
	 * their sessions at once on this instance, and within that time on others.
	 */
	Mono<Boolean> sessionStands(RapportUser user, Instant signedInAt) {
		CheckedMember checked = checkedMembers.get(user.userId());
		Mono<CheckedMember> current = checked != null ? Mono.just(checked)
				: blocking(() -> members.find(user.userId()).map(member -> {
					CheckedMember fresh = new CheckedMember(member.teamId(), member.roles(),
							member.credentialsChangedAt());
					checkedMembers.put(member.id(), fresh, clock.instant().plus(CHECKED_FOR));
					return fresh;
				}).orElse(null));
		return current.map(member -> member.teamId().equals(user.teamId()) && member.roles().equals(user.roles())
				&& (member.credentialsChangedAt() == null
						|| (signedInAt != null && !member.credentialsChangedAt().isAfter(signedInAt))))
			.defaultIfEmpty(false);
	}

	/** A member removed or changed: their sessions are checked against them again at their next request. */
	@EventListener
	void forget(MemberChanged changed) {
		checkedMembers.remove(changed.memberId());
	}

	private static <T> Mono<T> blocking(Callable<T> call) {
		return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
	}

}
