package dev.rapport.reminders.relationship;

import java.time.Duration;
import java.time.Instant;

import dev.rapport.events.RelationshipState;

/**
 * When a relationship with cadence {@code c} days changes state, by days since the last touch {@code d}:
 * <ul>
 * <li>WARM while d &lt; c;</li>
 * <li>DUE from d = c (the cadence ran out: time to reach out);</li>
 * <li>COOLING from d = c + max(3, ⌈c/4⌉) (clearly overdue: 18 days for a 14-day cadence, 37 for 30);</li>
 * <li>COLD from d = max(2c, cooling + 1) (twice the cadence).</li>
 * </ul>
 * Hysteresis: time only ever makes a relationship colder, and each colder state is entered once, so its event is
 * emitted once however often the scheduler looks. Without a new interaction (a longer cadence, a deleted
 * interaction), a relationship only warms once it is clear of the boundary by {@code h = max(1, ⌈c/10⌉)} days: the
 * state is taken at d + h. A new last touch resets the clock outright (any interaction counts, by anyone in the team).
 * <p>
 * Those are the thresholds of a cadence the user set (a tier or explicit days: the user's word). A learned cadence
 * takes its COOLING and COLD points from the person's own gap distribution ({@link GapDistribution#thresholds}),
 * with the same DUE point and hysteresis.
 */
public record CoolingThresholds(int cadenceDays, int coolingAfterDays, int coldAfterDays) {

	private static final double SECONDS_PER_DAY = 86_400d;

	public CoolingThresholds {
		if (cadenceDays < 1) {
			throw new IllegalArgumentException("cadenceDays must be positive: " + cadenceDays);
		}
		if (coolingAfterDays <= cadenceDays || coldAfterDays <= coolingAfterDays) {
			throw new IllegalArgumentException("thresholds must rise: due " + cadenceDays + ", cooling "
					+ coolingAfterDays + ", cold " + coldAfterDays);
		}
	}

	/** The thresholds of a cadence set by the user: cooling at c + max(3, ⌈c/4⌉), cold at max(2c, cooling + 1). */
	public CoolingThresholds(int cadenceDays) {
		this(cadenceDays, cadenceDays + Math.max(3, ceilDiv(cadenceDays, 4)),
				Math.max(2 * cadenceDays, cadenceDays + Math.max(3, ceilDiv(cadenceDays, 4)) + 1));
	}

	public int dueAfterDays() {
		return cadenceDays;
	}

	public int hysteresisDays() {
		return Math.max(1, ceilDiv(cadenceDays, 10));
	}

	/** The state by the thresholds alone. */
	public RelationshipState plain(double days) {
		if (days >= coldAfterDays()) {
			return RelationshipState.COLD;
		}
		if (days >= coolingAfterDays()) {
			return RelationshipState.COOLING;
		}
		if (days >= dueAfterDays()) {
			return RelationshipState.DUE;
		}
		return RelationshipState.WARM;
	}

	/** The next state from {@code current} when no new interaction reset the clock: colder at once, warmer with margin. */
	public RelationshipState next(RelationshipState current, double days) {
		RelationshipState plain = plain(days);
		if (plain.compareTo(current) >= 0) {
			return plain;
		}
		RelationshipState withMargin = plain(days + hysteresisDays());
		return withMargin.compareTo(current) < 0 ? withMargin : current;
	}

	/** Days of {@code Duration.between(from, to)} as a fraction. */
	public static double daysBetween(Instant from, Instant to) {
		return Duration.between(from, to).toSeconds() / SECONDS_PER_DAY;
	}

	/** When, measured from {@code anchor}, a relationship in {@code state} turns colder; null when COLD. */
	public Instant nextColderAt(Instant anchor, RelationshipState state) {
		return switch (state) {
			case WARM -> anchor.plus(Duration.ofDays(dueAfterDays()));
			case DUE -> anchor.plus(Duration.ofDays(coolingAfterDays()));
			case COOLING -> anchor.plus(Duration.ofDays(coldAfterDays()));
			case COLD -> null;
		};
	}

	private static int ceilDiv(int a, int b) {
		return (a + b - 1) / b;
	}

}
