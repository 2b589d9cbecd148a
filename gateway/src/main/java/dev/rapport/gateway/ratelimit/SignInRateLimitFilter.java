package dev.rapport.gateway.ratelimit;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Sign-in attempts per client address, counted before Spring Security sees them: its form login answers
 * {@code POST /login} itself and never passes it on, so {@link RateLimitFilter} (after security) would not count one.
 */
public class SignInRateLimitFilter implements WebFilter, Ordered {

	/** Before Spring Security's filter chain (-100). */
	static final int ORDER = -200;

	private final RateLimitFilter limits;

	public SignInRateLimitFilter(RateLimitFilter limits) {
		this.limits = limits;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getMethod() == HttpMethod.POST
				&& exchange.getRequest().getPath().value().equals("/login")) {
			return limits.signIn(exchange, chain);
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
