package dev.rapport.reminders.relationship;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.events.RelationshipState;
import dev.rapport.reminders.relationship.CadenceRule.Cadence;
import dev.rapport.reminders.relationship.CadenceRule.CadenceSource;
import dev.rapport.reminders.relationship.Relationship.Contact;
import dev.rapport.reminders.relationship.Relationship.Evaluation;
import dev.rapport.reminders.relationship.Relationship.History;
import dev.rapport.reminders.relationship.Relationship.Standing;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A benchmark, not a test: its name keeps it out of {@code ./mvnw verify}. It simulates, with a fixed seed, the
 * networks of {@value #PEOPLE} people in Dunbar-like layers (5 weekly, 15 every two weeks, 50 monthly, 150 quarterly),
 * each relationship with its own rhythm (the layer's, ×e^N(0, 0.15)) and its own irregularity (log-normal gaps around
 * the rhythm, log-spread uniform in [0.15, 0.7]); a quarter of them drift from a day in the second year: from their
 * next interaction on, the rhythm stretches ×3 (half of them) or they stop. Over the same timelines, evaluated every
 * day, it runs three detectors: the old learned rule (median × 1.25: {@link CadenceRule} with
 * {@link CoolingThresholds}' user-cadence thresholds), the {@link Relationship} aggregate as it decides now (learned
 * cadence with {@link GapDistribution}), and a fixed 30-day timer. A flag is entering COOLING (or COLD from below it).
 * It reports recall on drifting relationships, days from the drift (the last interaction at the old rhythm) to the
 * first flag after it, in units of the person's usual gap, and false alarms per relationship-year on the others.
 * Run it with
 * <pre>
 * ./mvnw -B -ntp -o -pl reminders-service -am -Dtest=CoolingSimulation -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dit.test=NONE -Dweb.npm.ci.skip -Dexec.skip=true verify
 * </pre>
 * The figures go to stdout and {@code reminders-service/target/cooling-simulation.md}.
 */
class CoolingSimulation {

	static final int PEOPLE = 20;

	static final long SEED = 20261202L;

	static final int HORIZON_DAYS = 1460;

	static final double DRIFTING_SHARE = 0.25;

	private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

	/** Layer name, size, rhythm in days. */
	private static final Object[][] LAYERS = { { "intimate (7 d)", 5, 7.0 }, { "close (14 d)", 15, 14.0 },
			{ "friends (30 d)", 50, 30.0 }, { "wider (90 d)", 150, 90.0 } };

	@Test
	void simulate() {
		Random random = new Random(SEED);
		List<Timeline> timelines = new ArrayList<>();
		for (int person = 0; person < PEOPLE; person++) {
			for (Object[] layer : LAYERS) {
				for (int i = 0; i < (int) layer[1]; i++) {
					timelines.add(Timeline.random((String) layer[0], (double) layer[2], random));
				}
			}
		}
		Map<String, Supplier<Detector>> detectors = new LinkedHashMap<>();
		detectors.put("old rule (median × 1.25)", OldRule::new);
		detectors.put("gap distribution (now)", Aggregate::new);
		detectors.put("fixed 30-day timer", Timer30::new);

		StringBuilder report = new StringBuilder();
		long drifting = timelines.stream().filter(t -> t.driftAt != null).count();
		report.append(String.format(Locale.ROOT,
				"%d relationships (%d people × 220), %d drifting (%d stretch ×3, %d stop), %d days each, seed %d%n%n",
				timelines.size(), PEOPLE, drifting,
				timelines.stream().filter(t -> t.driftAt != null && t.stretch).count(),
				timelines.stream().filter(t -> t.driftAt != null && !t.stretch).count(), HORIZON_DAYS, SEED));
		report.append("| Detector | Recall (drifting) | Drift → flag, median (usual gaps) | p90 | False alarms / "
				+ "relationship-year | weekly | 2-weekly | monthly | quarterly |\n");
		report.append("|---|---|---|---|---|---|---|---|---|\n");
		Map<String, Result> results = new LinkedHashMap<>();
		for (var entry : detectors.entrySet()) {
			Result result = run(timelines, entry.getValue());
			results.put(entry.getKey(), result);
			report.append(String.format(Locale.ROOT, "| %s | %.1f %% | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
					entry.getKey(), 100.0 * result.caught / result.drifting, quantile(result.latencies, 0.5),
					quantile(result.latencies, 0.9), result.falseAlarms / result.years,
					result.layerRate("intimate (7 d)"), result.layerRate("close (14 d)"),
					result.layerRate("friends (30 d)"), result.layerRate("wider (90 d)")));
		}
		report.append(String.format(Locale.ROOT, "%nRecall and drift-to-flag count the %d drifting relationships with a "
				+ "learned cadence when they drifted; %d drifted after fewer than %d interactions, before any cadence "
				+ "could be learned.%n", results.values().iterator().next().drifting,
				results.values().iterator().next().tooNew, CadenceRule.MIN_INTERACTIONS));
		results.forEach((name, result) -> report.append(String.format(Locale.ROOT, "Missed by %s: %s%s%n", name,
				result.missed.isEmpty() ? "none" : result.missed,
				result.missed.isEmpty() ? "" : String.format(Locale.ROOT, "; the cadence their history showed when they "
						+ "drifted was %.2f–%.2f× their true rhythm (median %.2f)", quantile(result.missedDisguise, 0),
						quantile(result.missedDisguise, 1), quantile(result.missedDisguise, 0.5)))));
		System.out.println(report);
		try {
			Files.writeString(Path.of("target", "cooling-simulation.md"), report.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Result now = results.get("gap distribution (now)");
		Result old = results.get("old rule (median × 1.25)");
		assertThat((double) now.caught / now.drifting).as("drifting relationships are caught").isGreaterThan(0.985);
		assertThat(now.falseAlarms).as("an ordinary gap is flagged far less often than by the old rule")
			.isLessThan(old.falseAlarms / 2);
	}

	private static Result run(List<Timeline> timelines, Supplier<Detector> detectors) {
		Result result = new Result();
		for (Timeline timeline : timelines) {
			Detector detector = detectors.get();
			List<Instant> flags = new ArrayList<>();
			List<Instant> newestFirst = new ArrayList<>();
			int next = 0;
			for (int day = 0; day <= HORIZON_DAYS; day++) {
				Instant now = T0.plus(Duration.ofDays(day));
				while (next < timeline.touches.size() && !timeline.touches.get(next).isAfter(now)) {
					Instant at = timeline.touches.get(next++);
					newestFirst.addFirst(at);
					List<Instant> recent = newestFirst.subList(0, Math.min(newestFirst.size(), CadenceRule.MAX_GAPS + 1));
					if (detector.touch(List.copyOf(recent), next, at)) {
						flags.add(at);
					}
				}
				if (detector.look(now)) {
					flags.add(now);
				}
			}
			result.add(timeline, flags);
		}
		return result;
	}

	private static double quantile(List<Double> values, double q) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
	}

	private static boolean enteredCooling(RelationshipState from, RelationshipState to) {
		return from.compareTo(RelationshipState.COOLING) < 0 && to.compareTo(RelationshipState.COOLING) >= 0;
	}

	/** One simulated relationship: when interactions happened, and where (if at all) it drifted. */
	record Timeline(String layer, double rhythmDays, double spread, List<Instant> touches, Instant driftAt, boolean stretch) {

		static Timeline random(String layer, double layerDays, Random random) {
			double rhythm = layerDays * Math.exp(0.15 * random.nextGaussian());
			double spread = 0.15 + 0.55 * random.nextDouble();
			boolean drifts = random.nextDouble() < DRIFTING_SHARE;
			boolean stretch = random.nextBoolean();
			double driftDay = 365 + 365 * random.nextDouble();
			List<Instant> touches = new ArrayList<>();
			double t = rhythm * random.nextDouble();
			Instant driftAt = null;
			while (t < HORIZON_DAYS) {
				touches.add(T0.plusSeconds((long) (t * 86_400)));
				double gapRhythm = rhythm;
				if (drifts && t >= driftDay) {
					if (driftAt == null) {
						driftAt = touches.getLast();
					}
					if (!stretch) {
						break;
					}
					gapRhythm = 3 * rhythm;
				}
				t += Math.max(1, gapRhythm * Math.exp(spread * random.nextGaussian()));
			}
			return new Timeline(layer, rhythm, spread, List.copyOf(touches), driftAt, stretch);
		}

		long touchesUpToDrift() {
			return touches.stream().filter(t -> !t.isAfter(driftAt)).count();
		}

		/** The cadence the history showed when it drifted (the learned median of the gaps up to the drift), in days. */
		double observedAtDrift() {
			List<Instant> newestFirst = new ArrayList<>(touches.stream().filter(t -> !t.isAfter(driftAt)).toList());
			Collections.reverse(newestFirst);
			return CadenceRule.learned(newestFirst.size(), CadenceRule.gapsDays(newestFirst));
		}

	}

	/** A cooling rule fed one relationship's interactions and looked at daily; each returns true when it flags. */
	interface Detector {

		boolean touch(List<Instant> newestFirst, int count, Instant at);

		boolean look(Instant now);

	}

	/** The learned rule before the gap distribution: the median gap, cooling at c + max(3, ⌈c/4⌉), with hysteresis. */
	static final class OldRule implements Detector {

		private RelationshipState state = RelationshipState.WARM;

		private CoolingThresholds thresholds;

		private Instant last;

		@Override
		public boolean touch(List<Instant> newestFirst, int count, Instant at) {
			last = newestFirst.getFirst();
			Cadence cadence = CadenceRule.effective(null, count, CadenceRule.gapsDays(newestFirst));
			thresholds = cadence.none() ? null : new CoolingThresholds(cadence.days());
			RelationshipState to = thresholds == null ? RelationshipState.WARM
					: thresholds.plain(CoolingThresholds.daysBetween(last, at));
			return moveTo(to);
		}

		@Override
		public boolean look(Instant now) {
			return thresholds != null && moveTo(thresholds.next(state, CoolingThresholds.daysBetween(last, now)));
		}

		private boolean moveTo(RelationshipState to) {
			boolean flag = enteredCooling(state, to);
			state = to;
			return flag;
		}

	}

	/** The aggregate itself, as the service runs it: recount on each interaction, evaluate as time passes. */
	static final class Aggregate implements Detector {

		private Relationship relationship = new Relationship(UUID.randomUUID(), UUID.randomUUID(),
				new Contact(UUID.randomUUID(), true, "Someone", Visibility.TEAM, false, 1, T0, null, null, List.of()),
				new History(null, null, 0, List.of()), new Standing(null, CadenceSource.NONE, RelationshipState.WARM, T0),
				null, T0);

		@Override
		public boolean touch(List<Instant> newestFirst, int count, Instant at) {
			return apply(relationship.recount(newestFirst, count, UUID.randomUUID(), at));
		}

		@Override
		public boolean look(Instant now) {
			return apply(relationship.evaluate(now));
		}

		private boolean apply(Evaluation evaluation) {
			relationship = evaluation.relationship();
			return evaluation.transition().map(t -> enteredCooling(t.from(), t.to())).orElse(false);
		}

	}

	/** A fixed timer: flags once when 30 days pass without an interaction. */
	static final class Timer30 implements Detector {

		private Instant last;

		private boolean flagged;

		@Override
		public boolean touch(List<Instant> newestFirst, int count, Instant at) {
			last = newestFirst.getFirst();
			flagged = false;
			return false;
		}

		@Override
		public boolean look(Instant now) {
			if (last == null || flagged || CoolingThresholds.daysBetween(last, now) < 30) {
				return false;
			}
			flagged = true;
			return true;
		}

	}

	static final class Result {

		int drifting;

		/** Drifting before a cadence could be learned (fewer than 3 interactions): no learned rule can flag them. */
		int tooNew;

		int caught;

		final List<Double> latencies = new ArrayList<>();

		final Map<String, Integer> missed = new java.util.TreeMap<>();

		/** For each miss: the cadence its history showed when it drifted, in units of its true rhythm. */
		final List<Double> missedDisguise = new ArrayList<>();

		int falseAlarms;

		double years;

		final Map<String, double[]> byLayer = new LinkedHashMap<>();

		void add(Timeline timeline, List<Instant> flags) {
			if (timeline.driftAt != null) {
				if (timeline.touchesUpToDrift() < CadenceRule.MIN_INTERACTIONS) {
					tooNew++;
					return;
				}
				drifting++;
				flags.stream().filter(flag -> !flag.isBefore(timeline.driftAt)).findFirst().ifPresentOrElse(flag -> {
					caught++;
					latencies.add(CoolingThresholds.daysBetween(timeline.driftAt, flag) / timeline.rhythmDays);
				}, () -> {
					missed.merge(timeline.layer + (timeline.stretch ? ", stretched" : ", stopped"), 1, Integer::sum);
					missedDisguise.add(timeline.observedAtDrift() / timeline.rhythmDays);
				});
				return;
			}
			double relationshipYears = CoolingThresholds.daysBetween(timeline.touches.getFirst(),
					T0.plus(Duration.ofDays(HORIZON_DAYS))) / 365;
			falseAlarms += flags.size();
			years += relationshipYears;
			double[] layer = byLayer.computeIfAbsent(timeline.layer, k -> new double[2]);
			layer[0] += flags.size();
			layer[1] += relationshipYears;
		}

		double layerRate(String layer) {
			double[] counts = byLayer.get(layer);
			return counts == null ? Double.NaN : counts[0] / counts[1];
		}

	}

}
