package dev.rapport.reminders;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Business counters count what committed: a scheduler batch that rolls back and is redone row by row would otherwise
 * count its cooling and fired reminders twice.
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
