package dev.rapport.reminders.relationship;

import java.util.List;
import java.util.UUID;

import dev.rapport.events.ContactSnapshot.ImportantDate;

/** A contact's name and yearly dates (birthdays, anniversaries, others), as a calendar shows them. */
public record ContactDates(UUID contactId, String displayName, List<ImportantDate> dates) {

	public ContactDates {
		dates = List.copyOf(dates);
	}

}
