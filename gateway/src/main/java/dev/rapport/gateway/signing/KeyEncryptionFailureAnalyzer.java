package dev.rapport.gateway.signing;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A gateway refusing to start over its key encryption key says why and what to do in Boot's "APPLICATION FAILED TO
 * START" box, not under a stack trace. Registered in {@code META-INF/spring.factories}.
 */
class KeyEncryptionFailureAnalyzer extends AbstractFailureAnalyzer<KeyEncryptionKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, KeyEncryptionKeyException cause) {
		return new FailureAnalysis(cause.problem(), cause.action(), cause);
	}

}
