package dev.rapport.platform.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import dev.rapport.platform.web.ProblemWriter;
import dev.rapport.platform.web.Problems;

/** 401 and 403 as problem+json, with the {@code WWW-Authenticate} challenge RFC 6750 asks for. */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

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

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		problems.write(request, response, Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Forbidden",
				"You are not allowed to do this"));
	}

}
