package dev.rapport.reminders.reminder;

import java.util.List;
import java.util.UUID;

import dev.rapport.events.ContactSnapshot.ImportantDate;

/**
 * The contact reminders are about, as the relationship knows it: whom they are for (the owner), what they call the
 * contact, whether they are paused (archived), and the dates to remind of.
 */
public record ReminderSubject(UUID contactId, UUID teamId, UUID ownerId, String displayName, boolean archived,
		List<ImportantDate> importantDates) {
}
