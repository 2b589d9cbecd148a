package dev.rapport.gateway.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.rapport.gateway.problem.GatewayProblems;
import dev.rapport.text.TextRules;

/**
 * The gateway's first look at every request, proxied or its own: a URI over {@link #MAX_URI_LENGTH} is 414, and a
 * query string or path that breaks {@link TextRules} (a stray {@code %}, bytes that are not UTF-8, NUL and other
 * control characters) is 400 naming the parameter, exactly as the services would answer, before anything decodes
 * it. JSON bodies are checked where they are read ({@code TextRulesModule}).
 */
@Component
public class TextRulesWebFilter implements WebFilter, Ordered {

	/** Before the sign-in limit (-200) and Spring Security (-100): nothing reads a request before this. */
	public static final int ORDER = -300;

	/**
	 * The services' Tomcat reads request lines and headers up to 8 KB together; a URI the gateway passes on must
	 * leave room for the headers it adds (the platform token).
	 */
	public static final int MAX_URI_LENGTH = 4096;

	private final GatewayProblems problems;

	public TextRulesWebFilter(GatewayProblems problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String rawPath = exchange.getRequest().getURI().getRawPath();
		String rawQuery = exchange.getRequest().getURI().getRawQuery();
		String instance = exchange.getRequest().getPath().value();
		int length = (rawPath == null ? 0 : rawPath.length()) + (rawQuery == null ? 0 : rawQuery.length() + 1);
		if (length > MAX_URI_LENGTH) {
			return problems.write(exchange, GatewayProblems.of(HttpStatus.URI_TOO_LONG,
					"The URI is %d characters long; the API accepts up to %d".formatted(length, MAX_URI_LENGTH),
					instance), HttpHeaders.EMPTY);
		}
		List<Map<String, String>> errors = new ArrayList<>();
		TextRules.checkPath(rawPath).ifPresent(violation -> errors.add(error(violation)));
		TextRules.checkQuery(rawQuery).forEach(violation -> errors.add(error(violation)));
		if (errors.isEmpty()) {
			return chain.filter(exchange);
		}
		ProblemDetail problem = GatewayProblems.of(HttpStatus.BAD_REQUEST, GatewayProblems.VALIDATION,
				"The request has invalid parameters", instance);
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return problems.write(exchange, problem, HttpHeaders.EMPTY);
	}

	private static Map<String, String> error(TextRules.Violation violation) {
		return Map.of("field", violation.field(), "message", violation.message());
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
