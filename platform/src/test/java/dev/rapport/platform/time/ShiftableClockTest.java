package dev.rapport.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShiftableClockTest {

	final Instant start = Instant.parse("2026-11-25T10:00:00Z");

	@Test
	void movesForwardAndNeverBeforeTheBaseClock() {
		ShiftableClock clock = new ShiftableClock(Clock.fixed(start, ZoneOffset.UTC), Duration.ZERO);

		clock.shift(Duration.ofDays(15));
		assertThat(clock.instant()).isEqualTo(start.plus(Duration.ofDays(15)));

		clock.shift(Duration.ofDays(-30));
		assertThat(clock.instant()).isEqualTo(start);
	}

	@Test
	void aZonedCopySharesTheOffset() {
		ShiftableClock clock = new ShiftableClock(Clock.fixed(start, ZoneOffset.UTC), Duration.ZERO);
		Clock lisbon = clock.withZone(java.time.ZoneId.of("Europe/Lisbon"));

		clock.shift(Duration.ofHours(3));

		assertThat(lisbon.instant()).isEqualTo(start.plus(Duration.ofHours(3)));
	}

}
