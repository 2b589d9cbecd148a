package dev.rapport.reminders.digest;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.springframework.web.util.HtmlUtils;

import dev.rapport.events.ReminderKind;
import dev.rapport.reminders.agenda.AgendaService.Agenda;
import dev.rapport.reminders.agenda.AgendaService.AgendaItem;
import dev.rapport.reminders.agenda.AgendaService.Context;
import dev.rapport.reminders.agenda.AgendaService.OpenFollowUp;
import dev.rapport.reminders.agenda.AgendaService.UpcomingDate;

/**
 * A digest as text: the subject and the two parts of the mail (plain text, HTML) for a member's plan. Its entries are
 * the agenda's "This week" (overdue, today, and what falls due in the next seven days; nothing deferred by the weekly
 * capacity), in the agenda's order. Every value that came from a user (names, summaries, questions, promises) is
 * HTML-escaped in the HTML part; the text part is text.
 */
final class DigestMail {

	/** How far ahead the digest looks: the coming week. */
	static final int DAYS_AHEAD = 7;

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

	private DigestMail() {
	}

	/** The links of one entry, made by the sender (signed, expiring). */
	record EntryLinks(String done, String snooze, String open) {
	}

	/** A rendered mail; {@code entries} is how many reminders it lists, {@code people} how many contacts. */
	record Rendered(String subject, String text, String html, int entries, int people) {
	}

	/** The entries of this week's plan. */
	static List<AgendaItem> entries(Agenda agenda) {
		LocalDate horizon = agenda.date().plusDays(DAYS_AHEAD);
		return Stream.of(agenda.overdue(), agenda.today(), agenda.upcoming())
			.flatMap(List::stream)
			.filter(item -> item.dueOn().isBefore(horizon))
			.toList();
	}

	static Rendered render(String displayName, List<AgendaItem> entries, LocalDate today,
			Function<AgendaItem, EntryLinks> links, String unsubscribe, String settings) {
		int people = (int) entries.stream().map(AgendaItem::contactId).distinct().count();
		String subject = entries.isEmpty() ? "Your week in Rapport: nothing planned"
				: "Your week in Rapport: %d %s to reach".formatted(people, people == 1 ? "person" : "people");
		String greeting = displayName == null || displayName.isBlank() ? "Hello," : "Hello " + displayName + ",";
		String intro = entries.isEmpty() ? "Nothing is planned for this week."
				: "This week's plan: %d %s, %d %s.".formatted(people, people == 1 ? "person" : "people", entries.size(),
						entries.size() == 1 ? "thing to do" : "things to do");

		StringBuilder text = new StringBuilder();
		text.append(greeting).append("\n\n").append(intro).append("\n");
		StringBuilder html = new StringBuilder();
		html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
			.append(escape(subject))
			.append("</title></head><body style=\"font-family:sans-serif;max-width:40em\">")
			.append("<p>").append(escape(greeting)).append("</p><p>").append(escape(intro)).append("</p>");
		if (!entries.isEmpty()) {
			html.append("<ol>");
		}
		for (AgendaItem item : entries) {
			EntryLinks entryLinks = links.apply(item);
			String why = why(item, today);
			List<String> context = context(item.context());
			text.append("\n* ").append(item.title()).append("\n  ").append(why).append("\n");
			context.forEach(line -> text.append("  - ").append(line).append("\n"));
			text.append("  Done: ").append(entryLinks.done()).append("\n");
			text.append("  Snooze a week: ").append(entryLinks.snooze()).append("\n");
			text.append("  Open in Rapport: ").append(entryLinks.open()).append("\n");

			html.append("<li style=\"margin-bottom:1em\"><strong>").append(escape(item.title())).append("</strong><br>")
				.append("<span style=\"color:#555\">").append(escape(why)).append("</span>");
			if (!context.isEmpty()) {
				html.append("<ul>");
				context.forEach(line -> html.append("<li>").append(escape(line)).append("</li>"));
				html.append("</ul>");
			}
			html.append("<div>")
				.append(link(entryLinks.done(), "Done"))
				.append(" · ")
				.append(link(entryLinks.snooze(), "Snooze a week"))
				.append(" · ")
				.append(link(entryLinks.open(), "Open in Rapport"))
				.append("</div></li>");
		}
		if (!entries.isEmpty()) {
			html.append("</ol>");
		}
		text.append("\n--\nChange when you get this mail: ").append(settings).append("\n");
		text.append("Stop these mails: ").append(unsubscribe).append("\n");
		html.append("<hr><p style=\"color:#555;font-size:smaller\">")
			.append(link(settings, "Change when you get this mail"))
			.append(" · ")
			.append(link(unsubscribe, "Stop these mails"))
			.append("</p></body></html>");
		return new Rendered(subject, text.toString(), html.toString(), entries.size(), people);
	}

	/** Why the entry is there: what kind of reminder, the relationship's state, and when it is due. */
	static String why(AgendaItem item, LocalDate today) {
		String kind = switch (item.kind()) {
			case KEEP_IN_TOUCH -> "Keep in touch";
			case FOLLOW_UP -> "Follow-up";
			case IMPORTANT_DATE -> "Date";
		};
		String state = item.kind() == ReminderKind.KEEP_IN_TOUCH && item.relationshipState() != null
				? " (" + item.relationshipState().toLowerCase(Locale.ROOT) + ")" : "";
		String due = item.dueOn().isBefore(today) ? "overdue since " + DAY.format(item.dueOn())
				: item.dueOn().equals(today) ? "today" : DAY.format(item.dueOn());
		return kind + state + ", " + due;
	}

	/** What to talk about, one line each. */
	static List<String> context(Context context) {
		List<String> lines = new ArrayList<>();
		if (context == null) {
			return lines;
		}
		if (context.lastInteraction() != null) {
			String summary = context.lastInteraction().summary();
			lines.add("Last time (" + DAY.format(context.lastInteraction().happenedAt().atZone(java.time.ZoneOffset.UTC))
					+ ")" + (summary == null || summary.isBlank() ? "" : ": " + summary));
		}
		context.openQuestions().forEach(question -> lines.add("Ask: " + question));
		for (OpenFollowUp followUp : context.openFollowUps()) {
			lines.add(("ME".equals(followUp.owedBy()) ? "You promised: " : "They promised: ") + followUp.text()
					+ (followUp.dueOn() == null ? "" : " (by " + DAY.format(followUp.dueOn()) + ")"));
		}
		for (UpcomingDate date : context.upcomingDates()) {
			lines.add("Coming up: " + (date.label() == null ? date.kind().toLowerCase(Locale.ROOT) : date.label()) + ", "
					+ DAY.format(date.date()));
		}
		return lines;
	}

	private static String link(String href, String label) {
		return "<a href=\"" + escape(href) + "\">" + escape(label) + "</a>";
	}

	/** HTML-escapes text, quotes included (attribute values use it too). */
	static String escape(String text) {
		return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
	}

	/** The Message-ID of a delivery: the same on every attempt, so a mail client can tell a resend for what it is. */
	static String messageId(UUID deliveryId) {
		return "<digest-" + deliveryId + "@rapport>";
	}

}
