package dev.rapport.platform.transaction;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What should happen only once the current transaction has committed: waking a relay or a worker for rows it can now
 * see, counting a business figure that a rolled-back (and redone) batch must not count twice.
 */
public final class AfterCommit {

	private AfterCommit() {
	}

	/** Runs {@code action} once the current transaction commits (at once outside a transaction). */
	public static void run(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
	}

}
