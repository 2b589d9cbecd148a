package dev.rapport.events;

import java.util.UUID;

/** An event about one reminder, keyed by its id so a reminder's history stays in order on {@link Topics#REMINDERS}. */
public interface ReminderEvent extends RapportEvent {

	UUID reminderId();

	/** The user the reminder is for. */
	UUID userId();

	/** The contact the reminder is about. */
	UUID contactId();

	ReminderKind kind();

	@Override
	default String key() {
		return reminderId().toString();
	}
}
