package dev.rapport.gateway.identity;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

/**
 * Who a browser session signed in, and when, kept in the session; on the way back out it is checked against the
 * member as they are now. A member who was removed, whose team or roles changed, or who changed their password since
 * is signed out: the session ends and the request goes on unauthenticated (401 for the API). Without this a removed
 * member's session kept its access, platform tokens included, until it expired.
 */
final class MemberSessions implements ServerSecurityContextRepository {

	private static final Logger log = LoggerFactory.getLogger(MemberSessions.class);

	/** The session attribute holding when its member signed in (or last changed their password in it). */
	static final String SIGNED_IN_AT = "rapport.signedInAt";

	private final ServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();

	private final Identities identities;

	MemberSessions(Identities identities) {
		this.identities = identities;
	}

	@Override
	public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
		Mono<Void> saved = sessions.save(exchange, context);
		if (context == null || RapportAuthentication.userOf(context.getAuthentication()).isEmpty()) {
			return saved;
		}
		return saved.then(exchange.getSession()
			.doOnNext(session -> session.getAttributes().put(SIGNED_IN_AT, identities.now()))
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
					return identities.sessionStands(user, signedInAt).flatMap(stands -> {
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

}
