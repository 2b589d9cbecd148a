package dev.rapport.gateway.token;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

import dev.rapport.gateway.member.RapportAuthentication;

/**
 * {@code Authorization: Bearer rpt_...}: a personal access token, looked up by its hash. Unknown, revoked or expired
 * tokens fail the request with 401 (they never fall back to anonymous).
 */
public final class AccessTokenAuthentication implements ServerAuthenticationConverter, ReactiveAuthenticationManager {

	private final AccessTokens tokens;

	private final MeterRegistry meters;

	public AccessTokenAuthentication(AccessTokens tokens, MeterRegistry meters) {
		this.tokens = tokens;
		this.meters = meters;
	}

	/** Whether the request sends a personal access token (not a provider's JWT, say). */
	public static boolean sentWith(ServerWebExchange exchange) {
		return AccessTokenSecrets.looksLikeOne(bearer(exchange));
	}

	private static String bearer(ServerWebExchange exchange) {
		String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		return header.substring(7).strip();
	}

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		String token = bearer(exchange);
		return token == null ? Mono.empty() : Mono.just(UsernamePasswordAuthenticationToken.unauthenticated("", token));
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		String secret = (String) authentication.getCredentials();
		if (!AccessTokenSecrets.looksLikeOne(secret)) {
			return Mono.error(new BadCredentialsException("Not a Rapport access token"));
		}
		return tokens.authenticate(secret)
			.doOnNext(user -> meters.counter("rapport.gateway.authentications", "method", "access-token", "outcome",
					"success").increment())
			.map(user -> (Authentication) new RapportAuthentication(user))
			.switchIfEmpty(Mono.defer(() -> {
				meters.counter("rapport.gateway.authentications", "method", "access-token", "outcome", "failure")
					.increment();
				return Mono.error(new BadCredentialsException("Unknown, revoked or expired access token"));
			}));
	}

}
