package dev.rapport.reminders.reminder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import dev.rapport.events.ReminderKind;

/**
 * Something to do for one user about one contact. PENDING until {@code dueAt}, then DUE (ReminderDue published
 * once, by whichever scheduler instance claimed it), until completed or dismissed. {@code sourceKey} names what it is
 * for (a cooling episode, a follow-up, one occurrence of a date), so the same cause never makes two reminders.
 */
public record Reminder(UUID id, UUID teamId, UUID userId, UUID contactId, ReminderKind kind, String sourceKey,
		Status status, boolean paused, LocalDate dueOn, Instant dueAt, String title, Map<String, Object> detail,
		Instant firedAt, Instant closedAt, Instant createdAt, Instant updatedAt) {

	public boolean open() {
		return status == Status.PENDING || status == Status.DUE;
	}

	/** Where a reminder is in its life. */
	public enum Status {

		PENDING, DUE, COMPLETED, DISMISSED

	}

}
