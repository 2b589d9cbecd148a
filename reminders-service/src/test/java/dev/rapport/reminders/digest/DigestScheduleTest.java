package dev.rapport.reminders.digest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import dev.rapport.reminders.digest.DigestSchedule.Frequency;
import dev.rapport.reminders.digest.DigestSchedule.Slot;

import static org.assertj.core.api.Assertions.assertThat;

/** When a digest is due, in the member's zone, across daylight-saving changes. */
class DigestScheduleTest {

	static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	final DigestSchedule mondayAtEight = new DigestSchedule(Frequency.WEEKLY, DayOfWeek.MONDAY, 8, PARIS);

	@Test
	void aWeeklyDigestIsAtTheMembersHourOnTheirDayWhateverTheOffset() {
		// Paris moved to summer time on Sunday 28 March 2027: 08:00 is 07:00 UTC the Monday before, 06:00 after.
		assertThat(mondayAtEight.next(Instant.parse("2027-03-20T12:00:00Z")))
			.isEqualTo(new Slot(Instant.parse("2027-03-21T23:00:00Z"), Instant.parse("2027-03-22T07:00:00Z")));
		assertThat(mondayAtEight.next(Instant.parse("2027-03-22T07:00:00Z")).sendAt())
			.isEqualTo(Instant.parse("2027-03-29T06:00:00Z"));
		assertThat(mondayAtEight.latest(Instant.parse("2027-03-29T05:59:59Z")).sendAt())
			.as("not yet: still last week's").isEqualTo(Instant.parse("2027-03-22T07:00:00Z"));
		assertThat(mondayAtEight.latest(Instant.parse("2027-03-29T06:00:00Z")))
			.isEqualTo(new Slot(Instant.parse("2027-03-28T22:00:00Z"), Instant.parse("2027-03-29T06:00:00Z")));
		// And back to winter time on 31 October 2027.
		assertThat(mondayAtEight.next(Instant.parse("2027-10-30T00:00:00Z")).sendAt())
			.isEqualTo(Instant.parse("2027-11-01T07:00:00Z"));
	}

	@Test
	void aWeeklyPeriodIsTheWeekFromMondayWhicheverDayItIsSentOn() {
		DigestSchedule friday = new DigestSchedule(Frequency.WEEKLY, DayOfWeek.FRIDAY, 17, ZoneId.of("UTC"));
		Slot slot = friday.latest(Instant.parse("2026-12-06T10:00:00Z"));
		assertThat(slot).isEqualTo(new Slot(Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-04T17:00:00Z")));
		assertThat(friday.latest(Instant.parse("2026-12-04T16:59:00Z")).sendAt()).isEqualTo(Instant.parse("2026-11-27T17:00:00Z"));
	}

	@Test
	void aDailyDigestIsEveryDayAndAnHourInTheSpringGapIsTheFirstInstantAfterIt() {
		DigestSchedule twoAm = new DigestSchedule(Frequency.DAILY, DayOfWeek.MONDAY, 2, PARIS);
		assertThat(twoAm.next(Instant.parse("2027-03-27T12:00:00Z")))
			.as("02:00 does not exist in Paris on 28 March 2027: 03:00 CEST")
			.isEqualTo(new Slot(Instant.parse("2027-03-27T23:00:00Z"), Instant.parse("2027-03-28T01:00:00Z")));
		assertThat(twoAm.next(Instant.parse("2027-03-28T01:00:00Z")).sendAt()).isEqualTo(Instant.parse("2027-03-29T00:00:00Z"));
		assertThat(twoAm.latest(Instant.parse("2027-03-28T00:59:00Z")).sendAt()).isEqualTo(Instant.parse("2027-03-27T01:00:00Z"));
	}

	@Test
	void offIsNever() {
		DigestSchedule off = new DigestSchedule(Frequency.OFF, DayOfWeek.MONDAY, 8, PARIS);
		assertThat(off.next(Instant.now())).isNull();
		assertThat(off.latest(Instant.now())).isNull();
	}

}
