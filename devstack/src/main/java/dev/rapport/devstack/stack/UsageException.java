package dev.rapport.devstack.stack;

/**
 * A command line the user got wrong: devstack prints the message and exits with 2. It lives beside the launcher, not
 * with {@code CommandLine}, because the launcher (ports, service names) and the tools reject what they are given with
 * it too, and they do not depend on the command line.
 */
public final class UsageException extends RuntimeException {

	public UsageException(String message) {
		super(message);
	}

}
