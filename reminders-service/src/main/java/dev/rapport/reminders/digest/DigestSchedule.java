package dev.rapport.reminders.digest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * When a member's digest goes out, in their time zone. A period is a day (daily) or a week starting on Monday
 * (weekly); its digest goes out at the member's hour on the day (daily) or on their weekday (weekly). Every
 * computation goes through local dates and {@link ZonedDateTime}, so a digest at 08:00 stays at 08:00 local across a
 * daylight-saving change (the UTC instant moves an hour), and an hour that does not exist that day (02:00 on a
 * spring-forward night) is the first instant after the gap.
 *
 * @param frequency weekly, daily or off
 * @param weekday the weekly digest's day
 * @param hour the hour of the day, 0–23
 * @param zone the member's time zone
 */
public record DigestSchedule(Frequency frequency, DayOfWeek weekday, int hour, ZoneId zone) {

	/** How often a member gets the digest. */
	public enum Frequency {
		WEEKLY, DAILY, OFF
	}

	/** A period and the instant its digest is due. */
	public record Slot(Instant periodStart, Instant sendAt) {
	}

	/** The latest slot due at or before {@code now}; null when the digest is off. */
	public Slot latest(Instant now) {
		if (frequency == Frequency.OFF) {
			return null;
		}
		LocalDate period = periodDay(now.atZone(zone).toLocalDate());
		Slot slot = slot(period);
		while (slot.sendAt().isAfter(now)) {
			period = period.minusDays(days());
			slot = slot(period);
		}
		return slot;
	}

	/** The first slot due strictly after {@code now}; null when the digest is off. */
	public Slot next(Instant now) {
		if (frequency == Frequency.OFF) {
			return null;
		}
		LocalDate period = periodDay(now.atZone(zone).toLocalDate());
		Slot slot = slot(period);
		while (!slot.sendAt().isAfter(now)) {
			period = period.plusDays(days());
			slot = slot(period);
		}
		return slot;
	}

	/** The slot of the period that {@code day} belongs to. */
	Slot slot(LocalDate day) {
		LocalDate start = periodDay(day);
		LocalDate sendDay = frequency == Frequency.WEEKLY ? start.with(TemporalAdjusters.nextOrSame(weekday)) : start;
		return new Slot(start.atStartOfDay(zone).toInstant(), ZonedDateTime.of(sendDay, LocalTime.of(hour, 0), zone).toInstant());
	}

	/** The first day of the period {@code day} belongs to: the day itself, or its week's Monday. */
	private LocalDate periodDay(LocalDate day) {
		return frequency == Frequency.WEEKLY ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day;
	}

	private int days() {
		return frequency == Frequency.WEEKLY ? 7 : 1;
	}

}
