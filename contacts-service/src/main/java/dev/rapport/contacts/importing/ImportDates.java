package dev.rapport.contacts.importing;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as address books write them: ISO ({@code 1985-04-12}), vCard's basic and year-less forms
 * ({@code 19850412}, {@code --0412}, {@code --04-12}), Outlook's US form ({@code 4/12/1985}, where {@code 0/0/00}
 * means none) and LinkedIn's {@code 12 Apr 1985}.
 */
final class ImportDates {

	/** A day of the year, with the year when the file had one. */
	record DayOfYear(int month, int day, Integer year) {

		/** Whether such a day exists (29 February without a year does). */
		boolean isReal() {
			try {
				if (year == null) {
					MonthDay.of(month, day);
				}
				else {
					LocalDate.of(year, month, day);
				}
				return true;
			}
			catch (DateTimeException notADay) {
				return false;
			}
		}

	}

	private static final Pattern NO_YEAR = Pattern.compile("--(\\d{2})-?(\\d{2})");

	private static final Pattern US = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{2,4})");

	private static final List<DateTimeFormatter> WITH_YEAR = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
			DateTimeFormatter.BASIC_ISO_DATE,
			new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("d MMM uuuu").toFormatter(Locale.ENGLISH),
			new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("d MMMM uuuu").toFormatter(Locale.ENGLISH));

	private ImportDates() {
	}

	/** Outlook's way of saying there is no date. */
	static boolean isNone(String text) {
		return text.strip().matches("0{1,2}/0{1,2}/0{2,4}");
	}

	/** The date {@code text} names, or empty when it is not one. */
	static Optional<DayOfYear> parse(String text) {
		String value = text.strip();
		if (value.length() > 10 && value.charAt(10) == 'T') {
			value = value.substring(0, 10); // a date-time: the day is what counts
		}
		Matcher noYear = NO_YEAR.matcher(value);
		if (noYear.matches()) {
			try {
				MonthDay day = MonthDay.of(Integer.parseInt(noYear.group(1)), Integer.parseInt(noYear.group(2)));
				return Optional.of(new DayOfYear(day.getMonthValue(), day.getDayOfMonth(), null));
			}
			catch (DateTimeException notADay) {
				return Optional.empty();
			}
		}
		Matcher us = US.matcher(value);
		if (us.matches()) {
			int month = Integer.parseInt(us.group(1));
			int day = Integer.parseInt(us.group(2));
			int year = Integer.parseInt(us.group(3));
			try {
				return Optional.of(of(LocalDate.of(year < 100 ? 1900 + year : year, month, day)));
			}
			catch (DateTimeException notADay) {
				return Optional.empty();
			}
		}
		for (DateTimeFormatter format : WITH_YEAR) {
			try {
				return Optional.of(of(LocalDate.parse(value, format.withResolverStyle(java.time.format.ResolverStyle.STRICT))));
			}
			catch (DateTimeException notThisForm) {
				// the next form
			}
		}
		return Optional.empty();
	}

	static DayOfYear of(LocalDate date) {
		return new DayOfYear(date.getMonthValue(), date.getDayOfMonth(), date.getYear());
	}

}
