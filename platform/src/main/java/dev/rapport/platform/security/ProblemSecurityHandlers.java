package dev.rapport.platform.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import dev.rapport.platform.web.ProblemWriter;
import dev.rapport.platform.web.Problems;

/**
 * 401 and 403 as problem+json, with the {@code WWW-Authenticate} challenge RFC 6750 asks for; and 503 when a token
 * could not be checked at all (the keys to check it with did not arrive in time), which is no fault of the caller's.
 */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler,
		AuthenticationFailureHandler {

	/** Seconds a client waits before trying again when the token could not be checked. */
	static final String RETRY_AFTER_SECONDS = "2";

	private final ProblemWriter problems;

	public ProblemSecurityHandlers(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		boolean tokenSent = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer realm=\"rapport\"");
		problems.write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, Problems.UNAUTHORIZED,
				"Unauthorized", tokenSent ? "The access token is invalid or expired" : "An access token is required"));
	}

	/**
	 * The bearer token filter's failures: an {@link AuthenticationServiceException} (the JWKS endpoint unreachable or
	 * slow) is 503, which a client or the gateway may retry; any other failure is the token's fault, 401.
	 */
	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (exception instanceof AuthenticationServiceException) {
			response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
			problems.write(request, response, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, Problems.SERVICE_UNAVAILABLE,
					"Service Unavailable", "The access token could not be checked just now; try again shortly"));
			return;
		}
		commence(request, response, exception);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		problems.write(request, response, Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Forbidden",
				"You are not allowed to do this"));
	}

}
