package dev.rapport.gateway.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

/**
 * Who a browser session signed in, kept in the session as Spring Security does; on the way back out it is checked
 * against the member as they are now. A member who was removed, or whose team or roles changed, is signed out: the
 * session ends and the request goes on unauthenticated (401 for the API). Without this a removed member's session
 * kept its access, platform tokens included, until it expired.
 */
final class MemberSessions implements ServerSecurityContextRepository {

	private static final Logger log = LoggerFactory.getLogger(MemberSessions.class);

	private final ServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();

	private final Identities identities;

	MemberSessions(Identities identities) {
		this.identities = identities;
	}

	@Override
	public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
		return sessions.save(exchange, context);
	}

	@Override
	public Mono<SecurityContext> load(ServerWebExchange exchange) {
		return sessions.load(exchange)
			.flatMap(context -> RapportAuthentication.userOf(context.getAuthentication())
				.map(user -> identities.stillMember(user).flatMap(current -> {
					if (current) {
						return Mono.just(context);
					}
					log.info("Ending the session of {}: no longer a member as signed in", user.userId());
					return exchange.getSession().flatMap(WebSession::invalidate).then(Mono.<SecurityContext>empty());
				}))
				.orElse(Mono.just(context)));
	}

}
