package dev.rapport.reminders.relationship;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.rapport.reminders.relationship.CadenceRule.Cadence;
import dev.rapport.reminders.relationship.CadenceRule.CadenceSource;

import static org.assertj.core.api.Assertions.assertThat;

class CadenceRuleTest {

	@Test
	void theContactsOwnCadenceWins() {
		assertThat(CadenceRule.effective(14, 10, List.of(60d, 60d, 60d))).isEqualTo(new Cadence(14, CadenceSource.CONTACT));
	}

	@Test
	void withoutOneTheMedianOfPastGapsIsLearnedFromThreeInteractions() {
		assertThat(CadenceRule.effective(null, 3, List.of(20d, 40d))).isEqualTo(new Cadence(30, CadenceSource.LEARNED));
		assertThat(CadenceRule.learned(4, List.of(10d, 90d, 12d))).as("one long gap does not stretch it").isEqualTo(12);
	}

	@Test
	void tooLittleHistoryMeansNoCadence() {
		assertThat(CadenceRule.effective(null, 2, List.of(20d))).isEqualTo(Cadence.NONE);
		assertThat(CadenceRule.learned(3, List.of(0.2d, 20d))).as("same-day entries are one touch").isNull();
	}

	@Test
	void aLearnedCadenceIsClampedToSensibleLimits() {
		assertThat(CadenceRule.learned(3, List.of(2d, 3d))).isEqualTo(CadenceRule.MIN_LEARNED_DAYS);
		assertThat(CadenceRule.learned(3, List.of(500d, 700d))).isEqualTo(CadenceRule.MAX_LEARNED_DAYS);
	}

	@Test
	void gapsAreMeasuredBetweenConsecutiveInteractionsNewestFirstAndCapped() {
		Instant t = Instant.parse("2026-01-01T00:00:00Z");
		List<Instant> times = List.of(t.plusSeconds(86_400 * 30), t.plusSeconds(86_400 * 10), t);
		assertThat(CadenceRule.gapsDays(times)).containsExactly(20d, 10d);
		List<Instant> many = java.util.stream.IntStream.range(0, 20)
			.mapToObj(i -> t.minusSeconds(86_400L * 7 * i))
			.toList();
		assertThat(CadenceRule.gapsDays(many)).hasSize(CadenceRule.MAX_GAPS).containsOnly(7d);
	}

}
