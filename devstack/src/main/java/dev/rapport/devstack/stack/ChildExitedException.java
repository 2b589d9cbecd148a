package dev.rapport.devstack.stack;

/** A child process (the broker or a service) exited while devstack was still waiting for it to become ready. */
final class ChildExitedException extends RuntimeException {

	private final transient ChildProcess child;

	ChildExitedException(ChildProcess child) {
		super(child.name() + " exited with code " + child.exitCode() + " before it was ready");
		this.child = child;
	}

	ChildProcess child() {
		return child;
	}

}
