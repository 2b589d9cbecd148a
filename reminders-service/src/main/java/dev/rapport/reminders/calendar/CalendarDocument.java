package dev.rapport.reminders.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import biweekly.Biweekly;
import biweekly.ICalDataType;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.CalendarScale;
import biweekly.property.DateEnd;
import biweekly.property.DateStart;
import biweekly.property.Method;
import biweekly.property.Transparency;
import biweekly.util.Frequency;
import biweekly.util.Recurrence;

import dev.rapport.events.ContactSnapshot.ImportantDate;
import dev.rapport.reminders.relationship.ContactDates;
import dev.rapport.reminders.reminder.ImportantDates;
import dev.rapport.reminders.reminder.Reminder;

/**
 * One member's calendar as iCalendar text (RFC 5545, with RFC 7986's name and refresh interval): every yearly date of
 * the contacts they may see as an all-day event recurring each year, and each open follow-up as an all-day event on
 * its due date. All-day dates are floating ({@code DTSTART;VALUE=DATE}, no time zone): a birthday is the same date
 * wherever the reader is. Each event's UID is derived from what it is (the contact and the date, or the reminder), so
 * a calendar application that fetches the feed again updates its events instead of adding copies.
 */
final class CalendarDocument {

	static final String NAME = "Rapport";

	static final String PRODUCT_ID = "-//Rapport//Calendar feed//EN";

	/** How often calendar applications should fetch again (Google Calendar decides for itself, others follow this). */
	static final String REFRESH = "PT1H";

	/**
	 * The year a date without one starts recurring in: in the past, so every coming occurrence is there, and a leap
	 * year, so a yearless 29 February starts on a 29 February.
	 */
	static final int YEARLESS_START = 2000;

	private static final String UID_DOMAIN = "@rapport";

	private CalendarDocument() {
	}

	static String render(List<ContactDates> contacts, List<Reminder> followUps, Instant now) {
		ICalendar calendar = new ICalendar();
		calendar.setProductId(PRODUCT_ID);
		calendar.setCalendarScale(CalendarScale.gregorian());
		calendar.setMethod(Method.publish());
		calendar.setName(NAME);
		calendar.setExperimentalProperty("X-WR-CALNAME", NAME);
		// As raw properties with their value types: biweekly leaves out VALUE=DURATION, which RFC 7986 requires.
		calendar.addExperimentalProperty("REFRESH-INTERVAL", ICalDataType.DURATION, REFRESH);
		calendar.setExperimentalProperty("X-PUBLISHED-TTL", REFRESH);
		Date stamp = Date.from(now);
		Set<String> uids = new HashSet<>();
		for (ContactDates contact : contacts) {
			for (ImportantDate date : contact.dates()) {
				String uid = dateUid(contact.contactId(), date);
				// The same date entered twice on a contact is one event.
				if (uids.add(uid)) {
					calendar.addEvent(yearly(uid, summary(contact.displayName(), date), date, stamp));
				}
			}
		}
		for (Reminder followUp : followUps) {
			VEvent event = allDay("follow-up-" + followUp.id() + UID_DOMAIN, followUp.title(), followUp.dueOn(), stamp);
			calendar.addEvent(event);
		}
		return Biweekly.write(calendar).go();
	}

	private static VEvent yearly(String uid, String summary, ImportantDate date, Date stamp) {
		int year = date.year() == null ? YEARLESS_START : date.year();
		VEvent event = allDay(uid, summary, ImportantDates.inYear(date, year), stamp);
		Recurrence.Builder rule = new Recurrence.Builder(Frequency.YEARLY).byMonth(date.month());
		// 29 February recurs on the last day of February: the 29th in leap years, the 28th in the others, as the
		// reminders fall (ImportantDates), never skipped. A day the month never has (31 April) is its last day too.
		boolean lastDay = date.month() == 2 ? date.day() >= 29 : date.day() > Month.of(date.month()).maxLength();
		rule = lastDay ? rule.byMonthDay(-1) : rule.byMonthDay(date.day());
		event.setRecurrenceRule(rule.build());
		return event;
	}

	private static VEvent allDay(String uid, String summary, LocalDate on, Date stamp) {
		VEvent event = new VEvent();
		event.setUid(uid);
		event.setDateTimeStamp(stamp);
		event.setSummary(summary);
		event.setDateStart(new DateStart(floating(on), false));
		// One day long; said explicitly, as some calendar applications do not assume it for a date without an end.
		event.setDateEnd(new DateEnd(floating(on.plusDays(1)), false));
		// A birthday or a promise does not make anyone busy.
		event.setTransparency(Transparency.transparent());
		return event;
	}

	/**
	 * {@code date} as biweekly writes a {@code VALUE=DATE}: it formats the instant in the JVM's default time zone, so
	 * the instant is that zone's midnight of the date, made with the same calendar that formats it back.
	 */
	private static Date floating(LocalDate date) {
		return new GregorianCalendar(date.getYear(), date.getMonthValue() - 1, date.getDayOfMonth()).getTime();
	}

	static String summary(String name, ImportantDate date) {
		String label = date.label() == null || date.label().isBlank() ? null : date.label().strip();
		return switch (date.kind()) {
			case BIRTHDAY -> name + "'s birthday";
			case ANNIVERSARY -> label == null ? name + "'s anniversary" : name + ": " + label;
			case CUSTOM -> name + ": " + (label == null ? "important date" : label);
		};
	}

	/** The same contact, kind, day and label always make the same UID; a changed date is another event. */
	static String dateUid(UUID contactId, ImportantDate date) {
		String identity = contactId + ":" + date.kind() + ":" + date.month() + "-" + date.day() + ":"
				+ (date.label() == null ? "" : date.label());
		return "date-" + UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)) + UID_DOMAIN;
	}

}
