package dev.rapport.gateway.identity;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/** Writes a problem+json answer straight to a response, for filters that answer before any controller does. */
public final class ProblemWriter {

	private final ObjectMapper json;

	public ProblemWriter(ObjectMapper json) {
		this.json = json;
	}

	public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String title, String detail) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", IdentityProblems.TYPES + type);
		problem.put("title", title);
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", exchange.getRequest().getPath().value());
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(problem));
		return response.writeWith(Mono.just(body));
	}

}
