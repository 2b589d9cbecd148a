package dev.rapport.platform.test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import dev.rapport.platform.time.ShiftableClock;

/** Moves a service's clock in tests, so a test about dates runs at a time of day it can rely on. */
public final class TestClocks {

	private TestClocks() {
	}

	/**
	 * Shifts {@code clock} forward to the next {@code time} of day in UTC (at most a day). At noon UTC no date changes
	 * for hours anywhere between Pago Pago (UTC-11, 01:00) and Kiritimati (UTC+14, 02:00 the next day).
	 */
	public static void moveToNext(ShiftableClock clock, LocalTime time) {
		Instant now = clock.instant();
		ZonedDateTime next = now.atZone(ZoneOffset.UTC).with(time);
		if (!next.toInstant().isAfter(now)) {
			next = next.plusDays(1);
		}
		clock.shift(Duration.between(now, next.toInstant()));
	}

}
