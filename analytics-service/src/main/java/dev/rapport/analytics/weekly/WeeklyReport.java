package dev.rapport.analytics.weekly;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The answer of {@code GET /api/insights/weekly}: the last weeks, oldest first, for the team and each member. */
public record WeeklyReport(List<Week> weeks) {

	/** One ISO week (Monday start, UTC): the team's counts and those of each member who has any. */
	public record Week(LocalDate weekStart, Counts team, List<MemberCounts> members) {
	}

	public record MemberCounts(UUID memberId, @JsonUnwrapped Counts counts) {
	}

	/**
	 * @param conversations conversations logged in the week (by when they happened)
	 * @param peopleReached distinct contacts those conversations reached
	 * @param enteredCooling relationships entering COOLING or COLD from WARM or DUE in the week
	 * @param rewarmed relationships back to WARM from COOLING or COLD in the week
	 * @param recoveryRate of the relationships that entered cooling in the week, the share rewarmed since; null when
	 *        none entered
	 * @param medianDaysToRewarm of those rewarmed in the week, the median time they had been cooling, in days (one
	 *        decimal); null when none rewarmed
	 * @param followUps the follow-ups the members owe, due in the week
	 * @param followThroughRate onTime / (onTime + late + broken); null when that is 0
	 */
	public record Counts(long conversations, long peopleReached, long enteredCooling, long rewarmed,
			Double recoveryRate, Double medianDaysToRewarm, FollowUps followUps, Double followThroughRate) {

		/** The counts of {@code week} on {@code today} (which decides which open follow-ups are broken). */
		public static Counts of(WeekCounts week, LocalDate today) {
			if (week == null) {
				return new Counts(0, 0, 0, 0, null, null, new FollowUps(0, 0, 0, 0), null);
			}
			long open = 0;
			long broken = 0;
			for (var due : week.openDueOn().entrySet()) {
				if (FollowUps.broken(due.getKey(), today)) {
					broken += due.getValue();
				}
				else {
					open += due.getValue();
				}
			}
			FollowUps followUps = new FollowUps(week.onTime(), week.late(), open, broken);
			long kept = week.onTime() + week.late() + broken;
			return new Counts(week.conversations(), week.peopleReached(), week.enteredCooling(), week.rewarmed(),
					week.enteredCooling() == 0 ? null : rate(week.recovered(), week.enteredCooling()),
					week.medianCoolingMillis() == null ? null
							: Math.round(week.medianCoolingMillis() / 8_640_000.0) / 10.0,
					followUps, kept == 0 ? null : rate(week.onTime(), kept));
		}

		private static double rate(long part, long whole) {
			return Math.round(part * 10_000.0 / whole) / 10_000.0;
		}

	}

	/**
	 * Follow-ups due in the week that their author owes: completed on or before the due date in the interaction's
	 * time zone, after it, still open, and broken (still open {@value #BROKEN_AFTER_DAYS} days after the due date, by
	 * the service's clock in UTC; broken ones are not counted as open).
	 */
	public record FollowUps(long onTime, long late, long open, long broken) {

		public static final int BROKEN_AFTER_DAYS = 7;

		static boolean broken(LocalDate dueOn, LocalDate today) {
			return !today.isBefore(dueOn.plusDays(BROKEN_AFTER_DAYS));
		}

	}

}
