package dev.rapport.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A request body over the configured limit; raised before or while the body is read. */
public class PayloadTooLargeException extends ApiException {

	public PayloadTooLargeException(long limitBytes) {
		super(problem(limitBytes));
	}

	private static ProblemDetail problem(long limitBytes) {
		ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, Problems.PAYLOAD_TOO_LARGE,
				"Payload too large", "The request body exceeds the limit of %d bytes".formatted(limitBytes));
		problem.setProperty("limitBytes", limitBytes);
		return problem;
	}

}
