package dev.rapport.gateway.session;

import io.lettuce.core.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.rapport.defaults.FeedSecrets;
import dev.rapport.gateway.problem.FailureProblems;
import dev.rapport.gateway.problem.GatewayProblems;

/**
 * The shared session store (Redis) does not answer: 503, not a 500 and not a guess. A session can then neither be
 * read nor started, and the safe answer is none: an instance that let the request through unauthenticated would sign
 * browsers out for a blip, one that trusted a session it cannot read would ignore a sign-out made elsewhere. Requests
 * with an access token read no session and go on working; the rate limiter decides alone meanwhile (RedisTokenBuckets).
 */
@Component
class SessionStoreOutage implements FailureProblems, WebFilter, Ordered {

	private static final Logger log = LoggerFactory.getLogger(SessionStoreOutage.class);

	/** Seconds a client is asked to wait: Lettuce reconnects on its own within about that. */
	static final int RETRY_AFTER_SECONDS = 5;

	/**
	 * A request whose session Redis failed to read or write: the session is given up (nothing more is sent to Redis
	 * for it), or saving it as the answer goes out would fail again, after another timeout, and turn the 503 into a
	 * bare 500. A browser that brought a session cookie is told to drop it and signs in again once Redis is back.
	 */
	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return chain.filter(exchange)
			.onErrorResume(SessionStoreOutage::isRedisFailure, failure -> exchange.getSession()
				// Marks it expired at once; the delete it returns is not subscribed to: Redis does not answer.
				.doOnNext(session -> session.invalidate())
				.onErrorComplete()
				.then(Mono.error(failure)));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public ProblemDetail describe(Throwable failure, String path, HttpHeaders headers) {
		if (!isRedisFailure(failure)) {
			return null;
		}
		log.warn("The session store (Redis) failed on {}: {}", FeedSecrets.redact(path),
				GatewayProblems.summary(failure));
		headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
		return GatewayProblems.of(HttpStatus.SERVICE_UNAVAILABLE,
				"Sign-in and browser sessions are unavailable right now (the session store does not answer); try again "
						+ "shortly. Personal access tokens keep working",
				path);
	}

	private static boolean isRedisFailure(Throwable failure) {
		return GatewayProblems.causedBy(failure, RedisException.class)
				|| GatewayProblems.causedBy(failure, RedisConnectionFailureException.class);
	}

}
