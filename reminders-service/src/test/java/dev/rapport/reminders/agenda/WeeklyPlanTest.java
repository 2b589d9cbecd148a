package dev.rapport.reminders.agenda;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.rapport.events.ReminderKind;
import dev.rapport.reminders.agenda.AgendaService.AgendaItem;
import dev.rapport.reminders.reminder.Reminder.Status;

import static org.assertj.core.api.Assertions.assertThat;

class WeeklyPlanTest {

	static final LocalDate MONDAY = LocalDate.parse("2026-11-30");

	@Test
	void keepsTheBestNudgesUpToTheCapacityLessThePeopleReachedAndDefersTheRest() {
		AgendaItem cold = nudge(86, 0);
		AgendaItem cooling = nudge(83, 1);
		AgendaItem due = nudge(80, 2);
		AgendaItem wide = nudge(50, 0);

		WeeklyPlan plan = WeeklyPlan.of(3, 1, List.of(wide, due, cold, cooling));

		assertThat(plan.deferred()).as("two slots left of three").containsExactlyInAnyOrder(due.id(), wide.id());
		assertThat(plan.slotsLeft()).isZero();
		assertThat(plan.reachedThisWeek()).isEqualTo(1);
	}

	@Test
	void neverDefersFollowUpsOrDatesAndCountsAContactOnce() {
		UUID contact = UUID.randomUUID();
		AgendaItem first = nudge(86, 0, contact);
		AgendaItem again = nudge(80, 1, contact);
		AgendaItem promise = item(ReminderKind.FOLLOW_UP, 100, 0, UUID.randomUUID());
		AgendaItem birthday = item(ReminderKind.IMPORTANT_DATE, 70, 0, UUID.randomUUID());
		AgendaItem other = nudge(50, 0);

		WeeklyPlan plan = WeeklyPlan.of(1, 0, List.of(promise, birthday, first, again, other));

		assertThat(plan.deferred()).containsExactly(other.id());
	}

	@Test
	void aFullWeekDefersEveryNudgeAndNoCapacityDefersNothing() {
		AgendaItem nudge = nudge(86, 0);
		assertThat(WeeklyPlan.of(5, 7, List.of(nudge)).deferred()).containsExactly(nudge.id());
		assertThat(WeeklyPlan.of(5, 7, List.of(nudge)).slotsLeft()).isZero();
		WeeklyPlan none = WeeklyPlan.of(null, 7, List.of(nudge));
		assertThat(none.deferred()).isEmpty();
		assertThat(none.slotsLeft()).isNull();
	}

	private static AgendaItem nudge(int rank, int daysOverdue) {
		return nudge(rank, daysOverdue, UUID.randomUUID());
	}

	private static AgendaItem nudge(int rank, int daysOverdue, UUID contact) {
		return item(ReminderKind.KEEP_IN_TOUCH, rank, daysOverdue, contact);
	}

	private static AgendaItem item(ReminderKind kind, int rank, int daysOverdue, UUID contact) {
		return new AgendaItem(UUID.randomUUID(), kind, Status.DUE, contact, "Someone", null, "Title",
				MONDAY.minusDays(daysOverdue), rank, Map.of(), null);
	}

}
