package dev.rapport.platform.web;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The stable problem types every Rapport API answers with (RFC 9457), so clients can branch on {@code type}. */
public final class Problems {

	public static final String BASE = "https://rapport.dev/problems/";

	public static final URI VALIDATION = URI.create(BASE + "validation");

	public static final URI MALFORMED = URI.create(BASE + "malformed-request");

	public static final URI NOT_FOUND = URI.create(BASE + "not-found");

	public static final URI CONFLICT = URI.create(BASE + "conflict");

	public static final URI STALE_VERSION = URI.create(BASE + "stale-version");

	/** The resource was merged into another one: a read answers 301 to it, a write 410; {@code mergedInto} names it. */
	public static final URI MERGED = URI.create(BASE + "merged");

	/** An Idempotency-Key sent again with a different request than the one it first came with. */
	public static final URI IDEMPOTENCY_KEY_REUSED = URI.create(BASE + "idempotency-key-reused");

	public static final URI PAYLOAD_TOO_LARGE = URI.create(BASE + "payload-too-large");

	public static final URI UNAUTHORIZED = URI.create(BASE + "unauthorized");

	public static final URI FORBIDDEN = URI.create(BASE + "forbidden");

	public static final URI INTERNAL = URI.create(BASE + "internal");

	/** Something this service needs (another service) does not answer right now; the request may be retried. */
	public static final URI SERVICE_UNAVAILABLE = URI.create(BASE + "service-unavailable");

	public static final String ERRORS = "errors";

	private Problems() {
	}

	public static ProblemDetail of(HttpStatus status, URI type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}

	public static ProblemDetail validation(String detail, List<FieldProblem> errors) {
		ProblemDetail problem = of(HttpStatus.BAD_REQUEST, VALIDATION, "Invalid request", detail);
		problem.setProperty(ERRORS, errors);
		return problem;
	}

	/** One field at fault: a JSON path such as {@code emails[0].address}, and what is wrong with it. */
	public record FieldProblem(String field, String message) {
	}

}
