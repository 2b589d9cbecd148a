package dev.rapport.reminders.relationship;

import java.util.Arrays;
import java.util.List;

/**
 * One person's rhythm as a distribution of the gaps between interactions, so that a learned cadence flags cooling
 * when the current gap is unusual <em>for that person</em>, not at a fixed multiple of the median.
 * <p>
 * The gaps are taken on a log scale (a rhythm stretches by factors, not by days): the spread is the median absolute
 * deviation of the log-gaps (×1.4826, the normal-consistent MAD, so one long holiday does not widen it), shrunk
 * toward a prior spread of {@value #PRIOR_SPREAD} with the weight of {@value #PRIOR_GAPS} gaps (few gaps: the prior
 * dominates), then widened by the uncertainty of the centre itself (the variance of a median, π/2·σ²/n). Cooling is
 * flagged past the {@value #QUANTILE_Z}-sigma quantile of that predictive distribution, as a factor of the learned
 * cadence (the median gap), bounded below by today's rule (never earlier than {@code c + max(3, ⌈c/4⌉)}) and above
 * by {@value #MAX_FACTOR}×: a real drift is caught within one usual gap, however short or wild the history.
 */
public record GapDistribution(int gaps, double logSpread) {

	/** Spread of log-gaps assumed before any history: a gap of half or twice the usual is about one sigma. */
	public static final double PRIOR_SPREAD = 0.3;

	/** Weight of the prior spread, in gaps. */
	public static final double PRIOR_GAPS = 2;

	/** The quantile cooling is flagged past, in sigmas (2.0: about the 97.7th percentile of the person's gaps). */
	public static final double QUANTILE_Z = 2.0;

	/** Cooling never waits longer than this many usual gaps. */
	public static final double MAX_FACTOR = 1.75;

	private static final double MAD_TO_SIGMA = 1.4826;

	public GapDistribution {
		if (gaps < 0 || logSpread < 0 || Double.isNaN(logSpread)) {
			throw new IllegalArgumentException("gaps and spread must be non-negative: " + gaps + ", " + logSpread);
		}
	}

	/** The distribution of the usable gaps (a day or more, as {@link CadenceRule} counts them) in {@code gapsDays}. */
	public static GapDistribution of(List<Double> gapsDays) {
		double[] logs = gapsDays.stream().filter(gap -> gap >= 1d).mapToDouble(Math::log).toArray();
		if (logs.length == 0) {
			return new GapDistribution(0, 0);
		}
		double centre = median(logs);
		double[] deviations = Arrays.stream(logs).map(log -> Math.abs(log - centre)).toArray();
		return new GapDistribution(logs.length, MAD_TO_SIGMA * median(deviations));
	}

	/** The spread to flag by: the observed one shrunk toward the prior, widened by how uncertain the centre is. */
	public double predictiveSpread() {
		double shrunk = Math.sqrt((gaps * logSpread * logSpread + PRIOR_GAPS * PRIOR_SPREAD * PRIOR_SPREAD)
				/ (gaps + PRIOR_GAPS));
		return shrunk * Math.sqrt(1 + Math.PI / 2 / Math.max(1, gaps));
	}

	/** How many usual gaps an ordinary gap of this person's can reach: the flag point, before bounds. */
	public double quantileFactor() {
		return Math.exp(QUANTILE_Z * predictiveSpread());
	}

	/** The thresholds for a learned cadence of {@code cadenceDays} (the median gap) with this spread. */
	public CoolingThresholds thresholds(int cadenceDays) {
		CoolingThresholds today = new CoolingThresholds(cadenceDays);
		int upper = (int) Math.round(MAX_FACTOR * cadenceDays);
		int cooling = (int) Math.round(cadenceDays * quantileFactor());
		cooling = Math.max(today.coolingAfterDays(), Math.min(upper, cooling));
		int cold = Math.max(2 * cadenceDays, cooling + Math.max(1, (cadenceDays + 1) / 2));
		return new CoolingThresholds(cadenceDays, cooling, cold);
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

}
