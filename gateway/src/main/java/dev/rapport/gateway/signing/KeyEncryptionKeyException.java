package dev.rapport.gateway.signing;

/** {@code RAPPORT_KEY_ENCRYPTION_KEY} is missing, malformed or not the key the stored signing keys were sealed with. */
public class KeyEncryptionKeyException extends IllegalStateException {

	private final String problem;

	private final String action;

	KeyEncryptionKeyException(String problem, String action) {
		super(problem + " " + action);
		this.problem = problem;
		this.action = action;
	}

	/** What is wrong, in a sentence. */
	public String problem() {
		return problem;
	}

	/** What the operator should do about it. */
	public String action() {
		return action;
	}

}
