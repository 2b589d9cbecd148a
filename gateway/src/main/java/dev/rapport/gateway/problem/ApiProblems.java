package dev.rapport.gateway.problem;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

import dev.rapport.text.InvalidTextException;
import dev.rapport.text.JsonPaths;

/**
 * problem+json (RFC 9457) for the gateway's own API (identity: account, tokens, teams, signing keys), with the same
 * {@code type}s and {@code errors} list the services use, so a client handles both alike. Scoped to the gateway's
 * controllers (springdoc's are not): everything else the gateway answers goes through
 * {@link ProblemExceptionHandler}.
 */
@RestControllerAdvice(basePackages = "dev.rapport.gateway")
public class ApiProblems extends ResponseEntityExceptionHandler {

	public static ErrorResponseException notFound(String what) {
		return of(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " does not exist");
	}

	public static ErrorResponseException invalid(String field, String message) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
				"The request has invalid fields");
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	public static ErrorResponseException conflict(String detail) {
		return of(HttpStatus.CONFLICT, "conflict", "Conflict", detail);
	}

	public static ErrorResponseException forbidden(String detail) {
		return of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
	}

	public static ErrorResponseException of(HttpStatus status, String type, String title, String detail) {
		return new ErrorResponseException(status, problem(status, type, title, detail), null);
	}

	public static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(GatewayProblems.BASE + type));
		problem.setTitle(title);
		return problem;
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		List<Map<String, String>> errors = ex.getFieldErrors()
			.stream()
			.map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.sorted(Comparator.comparing(error -> error.get("field")))
			.toList();
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
				"The request has invalid fields");
		problem.setProperty("errors", errors);
		return Mono.just(ResponseEntity.badRequest().body(problem));
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidTextException text) {
				return Mono.just(ResponseEntity.badRequest().body(invalid(JsonPaths.of(text), text.reason()).getBody()));
			}
		}
		return Mono.just(ResponseEntity.badRequest()
			.body(problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
					"The request body is missing, not valid JSON, or has a value of the wrong type")));
	}

}
