package dev.rapport.gateway.problem;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;

/**
 * A request the gateway refuses on its own (too large, say), with a detail written for the client. It is the
 * client's doing, so the circuit breakers ignore it.
 */
public class GatewayProblemException extends ResponseStatusException {

	public GatewayProblemException(HttpStatusCode status, String detail) {
		super(status, detail);
	}

	/** What the client is told: the reason given, never an internal message. */
	public String detail() {
		return getReason();
	}

}
