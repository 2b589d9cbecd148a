package dev.rapport.reminders.agenda;

import java.time.LocalDate;

import dev.rapport.events.RelationshipState;
import dev.rapport.reminders.reminder.Reminder;

/**
 * How valuable acting on a reminder is, higher first; the agenda sorts each section (overdue, today, upcoming) by it,
 * then by due date:
 * <ol>
 * <li>100 a follow-up I promised (my word is on the line);</li>
 * <li>80 + coldness a keep-in-touch nudge for a close relationship (cadence ≤ 30 days: inner circle, close);</li>
 * <li>70 a birthday, anniversary or other date that is today;</li>
 * <li>60 a follow-up the other side promised (a reason to check in);</li>
 * <li>50 + coldness a keep-in-touch nudge for a wider relationship;</li>
 * <li>40 an upcoming date.</li>
 * </ol>
 * Coldness adds 0 (DUE), 3 (COOLING) or 6 (COLD): among nudges, the relationship closest to fading comes first.
 */
public final class AgendaRanking {

	private AgendaRanking() {
	}

	public static int score(Reminder reminder, RelationshipState state, Integer cadenceDays, LocalDate today) {
		return switch (reminder.kind()) {
			case FOLLOW_UP -> "THEM".equals(reminder.detail().get("owedBy")) ? 60 : 100;
			case IMPORTANT_DATE -> reminder.dueOn().equals(today) ? 70 : 40;
			case KEEP_IN_TOUCH -> (cadenceDays != null && cadenceDays <= 30 ? 80 : 50) + coldness(state);
		};
	}

	private static int coldness(RelationshipState state) {
		if (state == null) {
			return 0;
		}
		return switch (state) {
			case WARM, DUE -> 0;
			case COOLING -> 3;
			case COLD -> 6;
		};
	}

}
