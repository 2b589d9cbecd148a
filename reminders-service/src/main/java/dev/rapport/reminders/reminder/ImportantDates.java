package dev.rapport.reminders.reminder;

import java.time.LocalDate;

import dev.rapport.events.ContactSnapshot.ImportantDate;

/**
 * When a yearly date next falls. The year is optional (a birthday without the birth year); when given, no occurrence
 * comes before it. 29 February falls on 28 February in years without one, so it is never skipped.
 */
public final class ImportantDates {

	private ImportantDates() {
	}

	/** The first occurrence on or after {@code from}. */
	public static LocalDate nextOccurrence(ImportantDate date, LocalDate from) {
		int firstYear = date.year() == null ? from.getYear() : Math.max(from.getYear(), date.year());
		LocalDate candidate = inYear(date, firstYear);
		return candidate.isBefore(from) ? inYear(date, firstYear + 1) : candidate;
	}

	/** The date in {@code year}; a day the month does not have that year becomes its last day (29 Feb → 28 Feb). */
	public static LocalDate inYear(ImportantDate date, int year) {
		int length = java.time.YearMonth.of(year, date.month()).lengthOfMonth();
		return LocalDate.of(year, date.month(), Math.min(date.day(), length));
	}

	/** Years since the date's year at {@code occurrence} (age, years married), or null when the year is unknown. */
	public static Integer yearsAt(ImportantDate date, LocalDate occurrence) {
		return date.year() == null ? null : occurrence.getYear() - date.year();
	}

}
