package dev.rapport.reminders.relationship;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which cadence a relationship is held to.
 * <ol>
 * <li>The contact's own cadence (tier or explicit days) always wins.</li>
 * <li>Otherwise, with at least {@value #MIN_INTERACTIONS} interactions, a cadence learned from that person's history:
 * the median of the recent gaps between interactions (the last {@value #MAX_GAPS}), ignoring gaps under a day
 * (two entries about one meeting are one touch), rounded to whole days and clamped to [{@value #MIN_LEARNED_DAYS},
 * {@value #MAX_LEARNED_DAYS}] days. The median, not the mean, so one long holiday does not stretch it. At least two
 * usable gaps are needed.</li>
 * <li>Otherwise none: no nudges, and the relationship stays WARM.</li>
 * </ol>
 */
public final class CadenceRule {

	public static final int MIN_INTERACTIONS = 3;

	public static final int MAX_GAPS = 10;

	public static final int MIN_LEARNED_DAYS = 7;

	public static final int MAX_LEARNED_DAYS = 365;

	private static final double SECONDS_PER_DAY = 86_400d;

	private CadenceRule() {
	}

	/** The effective cadence, or {@link Cadence#NONE}. */
	public static Cadence effective(Integer contactCadenceDays, int interactionCount, List<Double> recentGapsDays) {
		if (contactCadenceDays != null) {
			return new Cadence(contactCadenceDays, CadenceSource.CONTACT);
		}
		Integer learned = learned(interactionCount, recentGapsDays);
		return learned == null ? Cadence.NONE : new Cadence(learned, CadenceSource.LEARNED);
	}

	/** The learned cadence in days, or null when the history is too short. */
	public static Integer learned(int interactionCount, List<Double> recentGapsDays) {
		List<Double> usable = recentGapsDays.stream().filter(gap -> gap >= 1d).sorted().toList();
		if (interactionCount < MIN_INTERACTIONS || usable.size() < 2) {
			return null;
		}
		int n = usable.size();
		double median = n % 2 == 1 ? usable.get(n / 2) : (usable.get(n / 2 - 1) + usable.get(n / 2)) / 2;
		long days = Math.round(median);
		return (int) Math.max(MIN_LEARNED_DAYS, Math.min(MAX_LEARNED_DAYS, days));
	}

	/** Gaps in days between consecutive interaction times (newest first in, newest gap first out), at most {@value #MAX_GAPS}. */
	public static List<Double> gapsDays(List<Instant> newestFirst) {
		List<Double> gaps = new ArrayList<>();
		for (int i = 0; i + 1 < newestFirst.size() && gaps.size() < MAX_GAPS; i++) {
			double seconds = Duration.between(newestFirst.get(i + 1), newestFirst.get(i)).toSeconds();
			gaps.add(Math.round(seconds / SECONDS_PER_DAY * 10) / 10d);
		}
		return List.copyOf(gaps);
	}

	/** Where a cadence came from. */
	public enum CadenceSource {

		/** Set on the contact (a tier or explicit days). */
		CONTACT,
		/** Learned from the interaction history. */
		LEARNED,
		/** None: no nudges. */
		NONE

	}

	/** An effective cadence: {@code days} is null exactly when the source is NONE. */
	public record Cadence(Integer days, CadenceSource source) {

		public static final Cadence NONE = new Cadence(null, CadenceSource.NONE);

		public boolean none() {
			return days == null;
		}

	}

}
