package dev.rapport.reminders.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;

import biweekly.Biweekly;
import biweekly.component.VEvent;
import biweekly.util.DateTimeComponents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.rapport.events.ContactSnapshot.ImportantDate;
import dev.rapport.events.ContactSnapshot.ImportantDate.Kind;
import dev.rapport.events.ReminderKind;
import dev.rapport.reminders.relationship.ContactDates;
import dev.rapport.reminders.reminder.Reminder;
import dev.rapport.reminders.reminder.Reminder.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * All-day dates are written as the dates they are whatever the server's time zone: biweekly formats a
 * {@code VALUE=DATE} in the JVM's default zone, which a conversion through UTC would shift by a day east or west.
 */
class CalendarDocumentTest {

	@ParameterizedTest
	@ValueSource(strings = { "UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/St_Johns", "Asia/Kathmandu" })
	void datesAreTheSameDatesInEveryServerTimeZone(String zone) {
		TimeZone original = TimeZone.getDefault();
		TimeZone.setDefault(TimeZone.getTimeZone(zone));
		try {
			UUID contact = UUID.randomUUID();
			Reminder followUp = new Reminder(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), contact,
					ReminderKind.FOLLOW_UP, "follow-up:x", Status.PENDING, false, LocalDate.of(2026, 3, 29),
					Instant.parse("2026-03-29T00:00:00Z"), "Call back", Map.of(), null, null, Instant.EPOCH,
					Instant.EPOCH);
			String text = CalendarDocument.render(
					List.of(new ContactDates(contact, "Ada", List.of(new ImportantDate(Kind.BIRTHDAY, null, 12, 10, 1990),
							new ImportantDate(Kind.CUSTOM, null, 2, 29, null)))),
					List.of(followUp), Instant.parse("2026-12-02T12:00:00Z"));

			List<VEvent> events = Biweekly.parse(text).first().getEvents();

			assertThat(events).extracting(event -> event.getSummary().getValue())
				.containsExactly("Ada's birthday", "Ada: important date", "Call back");
			assertThat(events).extracting(CalendarDocumentTest::start)
				.containsExactly(LocalDate.of(1990, 12, 10), LocalDate.of(2000, 2, 29), LocalDate.of(2026, 3, 29));
			assertThat(text).contains("DTSTART;VALUE=DATE:19901210\r\n", "DTEND;VALUE=DATE:19901211\r\n",
					"DTSTART;VALUE=DATE:20000229\r\n", "DTEND;VALUE=DATE:20000301\r\n", "DTSTART;VALUE=DATE:20260329\r\n");
		}
		finally {
			TimeZone.setDefault(original);
		}
	}

	private static LocalDate start(VEvent event) {
		DateTimeComponents raw = event.getDateStart().getValue().getRawComponents();
		return LocalDate.of(raw.getYear(), raw.getMonth(), raw.getDate());
	}

}
