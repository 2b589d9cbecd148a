package dev.rapport.reminders.relationship;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GapDistributionTest {

	private static final List<Double> IRREGULAR = List.of(10d, 20d, 14d, 9d, 25d, 12d, 30d, 14d);

	private static final List<Double> REGULAR = Collections.nCopies(10, 14d);

	@Test
	void anIrregularPersonCoolsLaterThanTheOldRuleButWithinOneUsualGap() {
		int cadence = CadenceRule.learned(9, IRREGULAR);
		assertThat(cadence).isEqualTo(14);

		CoolingThresholds thresholds = GapDistribution.of(IRREGULAR).thresholds(cadence);

		assertThat(thresholds.dueAfterDays()).as("due at the usual gap, as before").isEqualTo(14);
		assertThat(thresholds.coolingAfterDays()).as("a 24-day gap is ordinary for this person: not cooling yet")
			.isGreaterThan(24)
			.as("a drift is caught within one usual gap")
			.isLessThanOrEqualTo(28)
			.isEqualTo((int) Math.round(GapDistribution.MAX_FACTOR * 14));
		assertThat(thresholds.coldAfterDays()).isGreaterThan(thresholds.coolingAfterDays());
	}

	@Test
	void aRegularPersonCoolsEarlierThanAnIrregularOneWithAsManyGaps() {
		List<Double> irregular = new ArrayList<>(IRREGULAR);
		irregular.addAll(List.of(14d, 18d));
		assertThat(irregular).hasSameSizeAs(REGULAR);

		int regular = GapDistribution.of(REGULAR).thresholds(14).coolingAfterDays();
		assertThat(regular).isLessThan(GapDistribution.of(irregular).thresholds(14).coolingAfterDays())
			.isGreaterThanOrEqualTo(new CoolingThresholds(14).coolingAfterDays());
	}

	@Test
	void fewGapsMeanWideUncertaintyAndALaterFlagButBounded() {
		GapDistribution two = GapDistribution.of(List.of(14d, 14d));
		GapDistribution ten = GapDistribution.of(REGULAR);

		assertThat(two.predictiveSpread()).isGreaterThan(ten.predictiveSpread());
		assertThat(two.thresholds(14).coolingAfterDays()).isGreaterThan(ten.thresholds(14).coolingAfterDays())
			.isEqualTo((int) Math.round(GapDistribution.MAX_FACTOR * 14));
	}

	@Test
	void oneLongHolidayDoesNotWidenIt() {
		List<Double> withHoliday = new ArrayList<>(Collections.nCopies(9, 14d));
		withHoliday.add(90d);

		assertThat(GapDistribution.of(withHoliday).logSpread()).isZero();
		assertThat(GapDistribution.of(withHoliday).thresholds(14)).isEqualTo(GapDistribution.of(REGULAR).thresholds(14));
	}

	@Test
	void gapsUnderADayAreOneTouch() {
		List<Double> withSameDay = new ArrayList<>(REGULAR);
		withSameDay.add(0.2);
		assertThat(GapDistribution.of(withSameDay)).isEqualTo(GapDistribution.of(REGULAR));
	}

	/** A property over many seeded histories: the thresholds always rise, never before today's rule, never past the cap. */
	@Test
	void coolingIsNeverEarlierThanTheOldRuleNorLaterThanTheCap() {
		Random random = new Random(7);
		for (int run = 0; run < 10_000; run++) {
			double rhythm = 1 + random.nextDouble() * 200;
			double spread = random.nextDouble() * 1.5;
			List<Double> gaps = new ArrayList<>();
			for (int i = 0, n = 2 + random.nextInt(CadenceRule.MAX_GAPS - 1); i < n; i++) {
				gaps.add(Math.round(rhythm * Math.exp(spread * random.nextGaussian()) * 10) / 10d);
			}
			Integer cadence = CadenceRule.learned(gaps.size() + 1, gaps);
			if (cadence == null) {
				continue;
			}
			CoolingThresholds thresholds = GapDistribution.of(gaps).thresholds(cadence);
			assertThat(thresholds.coolingAfterDays()).as("gaps %s", gaps)
				.isGreaterThanOrEqualTo(new CoolingThresholds(cadence).coolingAfterDays())
				.isLessThanOrEqualTo(Math.max(new CoolingThresholds(cadence).coolingAfterDays(),
						(int) Math.round(GapDistribution.MAX_FACTOR * cadence)));
			assertThat(thresholds.dueAfterDays()).isLessThan(thresholds.coolingAfterDays());
			assertThat(thresholds.coolingAfterDays()).isLessThan(thresholds.coldAfterDays());
		}
	}

}
