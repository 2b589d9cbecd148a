package dev.rapport.analytics.weekly;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rapport.analytics.fact.Contribution;
import dev.rapport.analytics.fact.Multiset;

/**
 * One week's aggregate for one member, or for the whole team: the adder and subtractor of the KTable aggregation.
 * Everything that cannot simply be summed is kept as a multiset ({@link Multiset}), so that taking a row back is exact:
 * the people reached (distinct contacts), the cooling durations (for the median), the open follow-ups' due dates (for
 * "broken", which depends on the day it is asked).
 *
 * @param conversations conversations logged that week
 * @param contacts how many of those conversations reached each contact
 * @param enteredCooling relationships that entered cooling that week
 * @param recovered of those, how many have rewarmed since
 * @param rewarmed relationships that rewarmed that week
 * @param coolingMillis how long each of those had been cooling
 * @param onTime follow-ups due that week, completed on or before their due date
 * @param late follow-ups due that week, completed after it
 * @param openDueOn follow-ups due that week and still open, by due date
 */
public record WeekTally(long conversations, Map<UUID, Integer> contacts, long enteredCooling, long recovered,
		long rewarmed, Map<Long, Integer> coolingMillis, long onTime, long late, Map<LocalDate, Integer> openDueOn) {

	public static final WeekTally EMPTY = new WeekTally(0, Map.of(), 0, 0, 0, Map.of(), 0, 0, Map.of());

	public WeekTally {
		contacts = contacts == null ? Map.of() : contacts;
		coolingMillis = coolingMillis == null ? Map.of() : coolingMillis;
		openDueOn = openDueOn == null ? Map.of() : openDueOn;
	}

	public WeekTally plus(Contribution row) {
		return apply(row, 1);
	}

	public WeekTally minus(Contribution row) {
		return apply(row, -1);
	}

	private WeekTally apply(Contribution row, int sign) {
		return switch (row.kind()) {
			case CONVERSATION -> {
				Map<UUID, Integer> reached = contacts;
				for (UUID contact : row.contactIds()) {
					reached = Multiset.add(reached, contact, sign);
				}
				yield new WeekTally(conversations + sign, reached, enteredCooling, recovered, rewarmed, coolingMillis,
						onTime, late, openDueOn);
			}
			case FOLLOW_UP -> switch (row.outcome()) {
				case ON_TIME -> new WeekTally(conversations, contacts, enteredCooling, recovered, rewarmed,
						coolingMillis, onTime + sign, late, openDueOn);
				case LATE -> new WeekTally(conversations, contacts, enteredCooling, recovered, rewarmed, coolingMillis,
						onTime, late + sign, openDueOn);
				case OPEN -> new WeekTally(conversations, contacts, enteredCooling, recovered, rewarmed, coolingMillis,
						onTime, late, Multiset.add(openDueOn, row.dueOn(), sign));
			};
			case ENTERED_COOLING -> new WeekTally(conversations, contacts, enteredCooling + sign,
					recovered + (row.recovered() ? sign : 0), rewarmed, coolingMillis, onTime, late, openDueOn);
			case REWARMED -> new WeekTally(conversations, contacts, enteredCooling, recovered, rewarmed + sign,
					Multiset.add(coolingMillis, row.coolingMillis(), sign), onTime, late, openDueOn);
			case TOUCH -> this;
		};
	}

	/** Whether every row once added has been taken back: nothing to show for that week. */
	public boolean isEmpty() {
		return equals(EMPTY);
	}

	/** What the queries need of this tally: the counts, the median, and the open follow-ups' due dates. */
	public WeekCounts counts() {
		return new WeekCounts(conversations, contacts.size(), enteredCooling, recovered, rewarmed,
				medianMillis(coolingMillis), onTime, late, openDueOn);
	}

	static Long medianMillis(Map<Long, Integer> durations) {
		List<Long> sorted = new ArrayList<>();
		durations.forEach((millis, count) -> {
			for (int i = 0; i < count; i++) {
				sorted.add(millis);
			}
		});
		if (sorted.isEmpty()) {
			return null;
		}
		sorted.sort(null);
		int middle = sorted.size() / 2;
		return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
