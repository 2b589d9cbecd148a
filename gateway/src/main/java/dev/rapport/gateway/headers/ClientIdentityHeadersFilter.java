package dev.rapport.gateway.headers;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Removes every identity header a client sent before the request goes upstream, so no service can be told who the
 * caller is by the caller. Identity reaches services only as the gateway establishes it: a filter that adds
 * trusted identity headers must run after this one ({@link #ORDER}).
 */
@Component
public class ClientIdentityHeadersFilter implements GlobalFilter, Ordered {

	/** Ahead of every filter that reads or forwards the request. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	/** Identity headers dropped by exact name (compared case-insensitively). */
	public static final Set<String> NAMES = Set.of("x-user", "x-user-id", "x-user-email", "x-team-id", "x-roles",
			"x-forwarded-user", "x-forwarded-email", "x-forwarded-groups", "x-forwarded-preferred-username",
			"x-remote-user", "remote-user", "x-authenticated-user");

	/** Identity headers dropped by prefix: oauth2-proxy's, and every header of Rapport's own namespace. */
	public static final List<String> PREFIXES = List.of("x-auth-request-", "x-rapport-");

	public static boolean isClientIdentityHeader(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return NAMES.contains(lower) || PREFIXES.stream().anyMatch(lower::startsWith);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		List<String> forged = headers.headerNames()
			.stream()
			.filter(ClientIdentityHeadersFilter::isClientIdentityHeader)
			.toList();
		if (forged.isEmpty()) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate()
			.request(request -> request.headers(writable -> forged.forEach(writable::remove)))
			.build());
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
