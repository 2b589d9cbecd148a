package dev.rapport.analytics.weekly;

import java.time.LocalDate;
import java.util.Map;

/**
 * One week's counts for one member or the team, as published on {@link WeeklyTopology#topic} and read by every
 * instance: small, with the open follow-ups' due dates kept so "broken" is decided at query time.
 */
public record WeekCounts(long conversations, long peopleReached, long enteredCooling, long recovered, long rewarmed,
		Long medianCoolingMillis, long onTime, long late, Map<LocalDate, Integer> openDueOn) {

	public WeekCounts {
		openDueOn = openDueOn == null ? Map.of() : Map.copyOf(openDueOn);
	}

}
