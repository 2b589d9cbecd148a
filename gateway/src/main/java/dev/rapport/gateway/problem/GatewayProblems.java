package dev.rapport.gateway.problem;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * The problems (RFC 9457) the gateway answers with when it, not a service, decides the answer: one stable
 * {@code type} per status, the same base and names as the services' own problem types.
 */
@Component
public class GatewayProblems {

	public static final String BASE = "https://rapport.dev/problems/";

	public static final URI MALFORMED = type("malformed-request");

	/** Fields or parameters at fault, listed in the problem's {@code errors}, as the services answer them. */
	public static final URI VALIDATION = type("validation");

	public static final URI FORBIDDEN = type("forbidden");

	public static final URI CORS_REJECTED = type("cors-rejected");

	public static final URI NOT_FOUND = type("not-found");

	public static final URI METHOD_NOT_ALLOWED = type("method-not-allowed");

	public static final URI PAYLOAD_TOO_LARGE = type("payload-too-large");

	public static final URI INTERNAL = type("internal");

	public static final URI BAD_GATEWAY = type("bad-gateway");

	public static final URI SERVICE_UNAVAILABLE = type("service-unavailable");

	public static final URI GATEWAY_TIMEOUT = type("gateway-timeout");

	private final ServerResponse.Context context;

	public GatewayProblems(ServerCodecConfigurer codecs) {
		List<HttpMessageWriter<?>> writers = codecs.getWriters();
		this.context = new ServerResponse.Context() {
			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return writers;
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return List.of();
			}
		};
	}

	/** A problem whose type and title follow from its status; {@code instance} is the path the client asked for. */
	public static ProblemDetail of(HttpStatusCode status, String detail, String instance) {
		return of(status, typeOf(status), detail, instance);
	}

	public static ProblemDetail of(HttpStatusCode status, URI type, String detail, String instance) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(titleOf(status));
		problem.setInstance(instanceUri(instance));
		return problem;
	}

	/** The stable type for a status: the services' names where they have one, the status' reason phrase otherwise. */
	public static URI typeOf(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> MALFORMED;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 500 -> INTERNAL;
			default -> {
				HttpStatus known = HttpStatus.resolve(status.value());
				yield known == null ? type("http-" + status.value())
						: type(known.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
			}
		};
	}

	public static String titleOf(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> "Malformed request";
			case 413 -> "Payload too large";
			case 500 -> "Internal error";
			default -> {
				HttpStatus known = HttpStatus.resolve(status.value());
				yield known == null ? "HTTP " + status.value() : known.getReasonPhrase();
			}
		};
	}

	/** The problem as a functional response, for handlers such as the circuit breaker fallback. */
	public Mono<ServerResponse> response(ProblemDetail problem, HttpHeaders headers) {
		return ServerResponse.status(problem.getStatus())
			.headers(target -> target.addAll(headers))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem);
	}

	/** Writes the problem straight to the exchange's response, for filters and the error handler. */
	public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem, HttpHeaders headers) {
		return response(problem, headers).flatMap(response -> response.writeTo(exchange, context));
	}

	/** Whether {@code ex} or anything in its cause chain is a {@code type}. */
	public static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	/** The failure and its root cause in one line, for logs: enough to tell a refused connection from a reset one. */
	public static String summary(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String outer = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		return root == ex ? outer : outer + " (cause " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
	}

	private static URI type(String name) {
		return URI.create(BASE + name);
	}

	private static URI instanceUri(String path) {
		try {
			return URI.create(path);
		}
		catch (IllegalArgumentException notAUri) {
			return null;
		}
	}

}
