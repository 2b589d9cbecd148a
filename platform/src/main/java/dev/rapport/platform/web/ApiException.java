package dev.rapport.platform.web;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import dev.rapport.platform.web.Problems.FieldProblem;

/** An expected failure that maps to one problem response; services throw its factories instead of inventing statuses. */
public class ApiException extends RuntimeException {

	private final transient ProblemDetail problem;

	/** Where the resource is now, for a 301; null otherwise. */
	private final URI location;

	protected ApiException(ProblemDetail problem) {
		this(problem, null);
	}

	private ApiException(ProblemDetail problem, URI location) {
		super(problem.getDetail(), null, false, false);
		this.problem = problem;
		this.location = location;
	}

	public ProblemDetail problem() {
		return problem;
	}

	/** The {@code Location} the answer carries, or null. */
	public URI location() {
		return location;
	}

	/**
	 * {@code what} {@code id} was merged into {@code survivorId}, which lives at {@code location}: a read is told where
	 * it went (301 with Location, which clients follow), a write that it is gone (410; write to the survivor instead).
	 * Either way the problem ({@link Problems#MERGED}) names the survivor in {@code mergedInto}.
	 */
	public static ApiException merged(String what, Object id, Object survivorId, URI location, boolean read) {
		ProblemDetail problem = Problems.of(read ? HttpStatus.MOVED_PERMANENTLY : HttpStatus.GONE, Problems.MERGED,
				"Merged", "%s %s was merged into %s%s".formatted(what, id, survivorId,
						read ? "" : "; change that one instead"));
		problem.setProperty("mergedInto", survivorId);
		return new ApiException(problem, read ? location : null);
	}

	public static ApiException notFound(String what, Object id) {
		return new ApiException(Problems.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found",
				"%s %s does not exist".formatted(what, id)));
	}

	public static ApiException invalid(String detail, List<FieldProblem> errors) {
		return new ApiException(Problems.validation(detail, errors));
	}

	public static ApiException invalid(String field, String message) {
		return invalid("The request has invalid fields", List.of(new FieldProblem(field, message)));
	}

	/** The client's If-Match does not match: someone else changed the resource since the client read it. */
	public static ApiException preconditionFailed(long currentVersion) {
		ProblemDetail problem = Problems.of(HttpStatus.PRECONDITION_FAILED, Problems.STALE_VERSION, "Stale version",
				"The resource changed since you read it; fetch it again and reapply your change");
		problem.setProperty("currentVersion", currentVersion);
		return new ApiException(problem);
	}

	/** The client's version in the body is stale. */
	public static ApiException staleVersion(long currentVersion) {
		ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, Problems.STALE_VERSION, "Stale version",
				"The resource changed since you read it; fetch it again and reapply your change");
		problem.setProperty("currentVersion", currentVersion);
		return new ApiException(problem);
	}

	public static ApiException conflict(String detail) {
		return new ApiException(Problems.of(HttpStatus.CONFLICT, Problems.CONFLICT, "Conflict", detail));
	}

	public static ApiException of(ProblemDetail problem) {
		return new ApiException(problem);
	}

	public static ApiException forbidden(String detail) {
		return new ApiException(Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Forbidden", detail));
	}

	public static ApiException of(HttpStatus status, URI type, String title, String detail) {
		return new ApiException(Problems.of(status, type, title, detail));
	}

}
