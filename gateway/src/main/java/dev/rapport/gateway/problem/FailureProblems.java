package dev.rapport.gateway.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;

/**
 * What a feature knows of a failure it causes (an open circuit, say), for {@link ProblemExceptionHandler}: so this
 * package, which every feature uses, depends on none of them.
 */
public interface FailureProblems {

	/**
	 * The problem answering {@code failure} at {@code path}, with any headers it needs added to {@code headers}; null
	 * when the failure is not one this feature causes.
	 */
	ProblemDetail describe(Throwable failure, String path, HttpHeaders headers);

}
