package dev.rapport.reminders.relationship;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static dev.rapport.events.RelationshipState.COLD;
import static dev.rapport.events.RelationshipState.COOLING;
import static dev.rapport.events.RelationshipState.DUE;
import static dev.rapport.events.RelationshipState.WARM;
import static org.assertj.core.api.Assertions.assertThat;

class CoolingThresholdsTest {

	private final CoolingThresholds innerCircle = new CoolingThresholds(14);

	@Test
	void thresholdsForAFourteenDayCadence() {
		assertThat(innerCircle.plain(13.9)).isEqualTo(WARM);
		assertThat(innerCircle.plain(14)).isEqualTo(DUE);
		assertThat(innerCircle.plain(17.9)).isEqualTo(DUE);
		assertThat(innerCircle.plain(18)).isEqualTo(COOLING);
		assertThat(innerCircle.plain(27.9)).isEqualTo(COOLING);
		assertThat(innerCircle.plain(28)).isEqualTo(COLD);
	}

	@Test
	void thresholdsStayOrderedForTinyCadences() {
		CoolingThresholds daily = new CoolingThresholds(1);
		assertThat(daily.dueAfterDays()).isLessThan(daily.coolingAfterDays());
		assertThat(daily.coolingAfterDays()).isLessThan(daily.coldAfterDays());
		assertThat(new CoolingThresholds(30).coolingAfterDays()).isEqualTo(38);
	}

	@Test
	void timeOnlyMakesItColderAndEachStateIsEnteredOnce() {
		assertThat(innerCircle.next(WARM, 15)).isEqualTo(DUE);
		assertThat(innerCircle.next(DUE, 15.5)).as("looking again changes nothing").isEqualTo(DUE);
		assertThat(innerCircle.next(DUE, 30)).isEqualTo(COLD);
	}

	@Test
	void withoutANewInteractionItWarmsOnlyClearOfTheBoundary() {
		// A longer cadence (or a deleted interaction) moves the boundary: 14.5 days is just under a 15-day cadence.
		CoolingThresholds fifteen = new CoolingThresholds(15);
		assertThat(fifteen.hysteresisDays()).isEqualTo(2);
		assertThat(fifteen.next(DUE, 14.5)).as("inside the hysteresis band: stays").isEqualTo(DUE);
		assertThat(fifteen.next(DUE, 12.9)).as("clear of it: warms").isEqualTo(WARM);
		assertThat(fifteen.next(COLD, 20)).isEqualTo(COOLING);
	}

	@Test
	void theNextColderThresholdIsWhenTheSchedulerLooksAgain() {
		Instant anchor = Instant.parse("2026-01-01T00:00:00Z");
		assertThat(innerCircle.nextColderAt(anchor, WARM)).isEqualTo(Instant.parse("2026-01-15T00:00:00Z"));
		assertThat(innerCircle.nextColderAt(anchor, DUE)).isEqualTo(Instant.parse("2026-01-19T00:00:00Z"));
		assertThat(innerCircle.nextColderAt(anchor, COOLING)).isEqualTo(Instant.parse("2026-01-29T00:00:00Z"));
		assertThat(innerCircle.nextColderAt(anchor, COLD)).isNull();
	}

}
