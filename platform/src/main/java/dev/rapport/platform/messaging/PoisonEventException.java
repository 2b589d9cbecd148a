package dev.rapport.platform.messaging;

/**
 * A record no retry can fix (no type header, unreadable JSON, an event that breaks its own rules). The consumer
 * bindings mark it not retryable, so it goes straight to the dead-letter topic and the partition flows on.
 */
public class PoisonEventException extends RuntimeException {

	public PoisonEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
