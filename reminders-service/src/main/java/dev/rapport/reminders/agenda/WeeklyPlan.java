package dev.rapport.reminders.agenda;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.rapport.events.ReminderKind;
import dev.rapport.reminders.agenda.AgendaService.AgendaItem;

/**
 * A plan instead of a pile: with a weekly capacity of N people, the week's keep-in-touch nudges are cut to the best
 * N by the agenda's ranking, less the people already reached this week; the rest are deferred (kept, listed apart,
 * offered again as slots free up or next week). Follow-ups and important dates are never deferred: a promise or a
 * birthday is not a matter of capacity.
 */
public record WeeklyPlan(Integer weeklyCapacity, int reachedThisWeek, Integer slotsLeft, Set<UUID> deferred) {

	/** Best first: the agenda's rank, then the longest overdue, then the id (stable). */
	static final Comparator<AgendaItem> BEST_FIRST = Comparator.comparingInt(AgendaItem::rank)
		.reversed()
		.thenComparing(AgendaItem::dueOn)
		.thenComparing(AgendaItem::id);

	/** No capacity set: nothing is deferred. */
	static WeeklyPlan unlimited(int reachedThisWeek) {
		return new WeeklyPlan(null, reachedThisWeek, null, Set.of());
	}

	/**
	 * The plan for {@code items} (every open reminder on the agenda), given the member's {@code capacity} (null for
	 * none) and the people they reached since the week began. A contact counts once however many nudges it has.
	 */
	static WeeklyPlan of(Integer capacity, int reachedThisWeek, List<AgendaItem> items) {
		if (capacity == null) {
			return unlimited(reachedThisWeek);
		}
		int slots = Math.max(0, capacity - reachedThisWeek);
		List<AgendaItem> nudges = new ArrayList<>(
				items.stream().filter(item -> item.kind() == ReminderKind.KEEP_IN_TOUCH).toList());
		nudges.sort(BEST_FIRST);
		Set<UUID> planned = new HashSet<>();
		Set<UUID> deferred = new HashSet<>();
		for (AgendaItem nudge : nudges) {
			if (planned.contains(nudge.contactId()) || planned.size() < slots && planned.add(nudge.contactId())) {
				continue;
			}
			deferred.add(nudge.id());
		}
		return new WeeklyPlan(capacity, reachedThisWeek, slots - planned.size(), Set.copyOf(deferred));
	}

}
