package dev.rapport.gateway.ratelimit;

import java.net.URI;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.rapport.defaults.FeedSecrets;
import dev.rapport.gateway.member.RapportAuthentication;
import dev.rapport.gateway.member.RapportUser;
import dev.rapport.gateway.problem.GatewayProblems;

/**
 * Applies the rate limits after security has said who is calling: API calls per access token (or per member for a
 * session); password changes per client address, in the budget of sign-ins ({@link SignInRateLimitFilter} counts
 * those, before security); calendar feed fetches, which have no caller, per client address in a budget of their own.
 * Too many answers 429 problem+json with {@code Retry-After}.
 */
public class RateLimitFilter implements WebFilter, Ordered {

	static final URI RATE_LIMITED = URI.create(GatewayProblems.BASE + "rate-limited");

	private final RateLimiter limiter;

	private final RateLimitProperties properties;

	private final GatewayProblems problems;

	private final MeterRegistry meters;

	public RateLimitFilter(RateLimiter limiter, RateLimitProperties properties, GatewayProblems problems,
			MeterRegistry meters) {
		this.limiter = limiter;
		this.properties = properties;
		this.problems = problems;
		this.meters = meters;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().value();
		// A signed-in member's "current password" is a password guess too: it shares the sign-in budget.
		if (exchange.getRequest().getMethod() == HttpMethod.POST && path.equals("/api/me/password")) {
			return signIn(exchange, chain);
		}
		if (path.startsWith(FeedSecrets.PATH_PREFIX)) {
			return limit(exchange, chain, "feed:" + clientAddress(exchange),
					new RateLimiter.Limit(properties.feedsPerMinute() / 60.0, properties.feedsPerMinute()), "feed");
		}
		// The digest's links carry no caller either: a budget per client address like the feeds', its own.
		if (path.startsWith("/links/")) {
			return limit(exchange, chain, "link:" + clientAddress(exchange),
					new RateLimiter.Limit(properties.feedsPerMinute() / 60.0, properties.feedsPerMinute()), "link");
		}
		if (!path.startsWith("/api/")) {
			return chain.filter(exchange);
		}
		// Mapped to an Optional first: the chain's Mono<Void> is empty, so switchIfEmpty after it would run it twice.
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.map(RapportAuthentication::userOf)
			.defaultIfEmpty(Optional.empty())
			.flatMap(caller -> caller.isEmpty() ? chain.filter(exchange)
					: limit(exchange, chain, callerKey(caller.get()),
							new RateLimiter.Limit(properties.perSecond(), properties.burst()), "api"));
	}

	/** Password guesses per client address: sign-ins, and password changes. */
	Mono<Void> signIn(ServerWebExchange exchange, WebFilterChain chain) {
		return limit(exchange, chain, "login:" + clientAddress(exchange),
				new RateLimiter.Limit(properties.loginsPerMinute() / 60.0, properties.loginsPerMinute()), "login");
	}

	private Mono<Void> limit(ServerWebExchange exchange, WebFilterChain chain, String key, RateLimiter.Limit limit,
			String kind) {
		return limiter.acquire(key, limit).flatMap(decision -> {
			if (decision.allowed()) {
				exchange.getResponse().getHeaders().set("RateLimit-Remaining", Long.toString(decision.remaining()));
				return chain.filter(exchange);
			}
			meters.counter("rapport.gateway.rate-limited", "kind", kind).increment();
			long seconds = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			return problems.write(exchange, GatewayProblems.of(HttpStatus.TOO_MANY_REQUESTS, RATE_LIMITED,
					"Slow down: try again in " + seconds + " s", exchange.getRequest().getPath().value()), headers);
		});
	}

	static String callerKey(RapportUser user) {
		return user.accessTokenId() != null ? "token:" + user.accessTokenId() : "member:" + user.userId();
	}

	private static String clientAddress(ServerWebExchange exchange) {
		return exchange.getRequest().getRemoteAddress() == null ? "unknown"
				: exchange.getRequest().getRemoteAddress().getAddress().getHostAddress();
	}

	/** After Spring Security (-100), so the caller is known; before the gateway's handler. */
	@Override
	public int getOrder() {
		return 0;
	}

}
