package dev.rapport.gateway.token;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.rapport.gateway.member.RapportAuthentication;

/**
 * What a service receives for an authenticated request: the gateway's own short-lived platform token in
 * {@code Authorization}, and not the caller's credentials (access token, session cookie, OIDC token), which stay at
 * the gateway. Security has already refused unauthenticated requests to {@code /api/**}. A route with the metadata
 * {@code identity: none} (the calendar feeds, whose URL is their credential) gets no platform token even from a
 * signed-in browser: what it answers must not depend on who happens to fetch it.
 */
@Component
class PlatformTokenRelay implements GlobalFilter, Ordered {

	/** Credentials that stop here. */
	static final List<String> CALLER_CREDENTIALS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.COOKIE,
			"X-XSRF-TOKEN");

	private final PlatformTokens tokens;

	PlatformTokenRelay(PlatformTokens tokens) {
		this.tokens = tokens;
	}

	/** Route metadata: {@code none} sends the request on without any identity. */
	static final String IDENTITY = "identity";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerWebExchange anonymous = exchange.mutate().request(request -> request.headers(headers -> {
			CALLER_CREDENTIALS.forEach(headers::remove);
		})).build();
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route != null && "none".equals(String.valueOf(route.getMetadata().get(IDENTITY)))) {
			return chain.filter(anonymous);
		}
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.flatMap(authentication -> Mono.justOrEmpty(RapportAuthentication.userOf(authentication)))
			.map(user -> exchange.mutate().request(request -> request.headers(headers -> {
				CALLER_CREDENTIALS.forEach(headers::remove);
				headers.setBearerAuth(tokens.tokenFor(user));
			})).build())
			.defaultIfEmpty(anonymous)
			.flatMap(chain::filter);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

}
