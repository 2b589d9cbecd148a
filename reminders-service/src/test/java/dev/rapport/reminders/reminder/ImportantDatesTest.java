package dev.rapport.reminders.reminder;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import dev.rapport.events.ContactSnapshot.ImportantDate;
import dev.rapport.events.ContactSnapshot.ImportantDate.Kind;

import static org.assertj.core.api.Assertions.assertThat;

class ImportantDatesTest {

	@Test
	void aBirthdayWithoutAYearComesEveryYear() {
		ImportantDate birthday = new ImportantDate(Kind.BIRTHDAY, null, 12, 10, null);
		assertThat(ImportantDates.nextOccurrence(birthday, LocalDate.of(2026, 11, 2))).isEqualTo(LocalDate.of(2026, 12, 10));
		assertThat(ImportantDates.nextOccurrence(birthday, LocalDate.of(2026, 12, 10))).as("today counts")
			.isEqualTo(LocalDate.of(2026, 12, 10));
		assertThat(ImportantDates.nextOccurrence(birthday, LocalDate.of(2026, 12, 11))).isEqualTo(LocalDate.of(2027, 12, 10));
		assertThat(ImportantDates.yearsAt(birthday, LocalDate.of(2026, 12, 10))).isNull();
	}

	@Test
	void the29thOfFebruaryFallsOnThe28thInOtherYears() {
		ImportantDate leapling = new ImportantDate(Kind.BIRTHDAY, null, 2, 29, 2000);
		assertThat(ImportantDates.nextOccurrence(leapling, LocalDate.of(2026, 1, 10))).isEqualTo(LocalDate.of(2026, 2, 28));
		assertThat(ImportantDates.nextOccurrence(leapling, LocalDate.of(2027, 3, 1))).isEqualTo(LocalDate.of(2028, 2, 29));
		assertThat(ImportantDates.yearsAt(leapling, LocalDate.of(2028, 2, 29))).isEqualTo(28);
	}

	@Test
	void noOccurrenceBeforeTheDatesOwnYear() {
		ImportantDate wedding = new ImportantDate(Kind.ANNIVERSARY, "Wedding", 6, 1, 2027);
		assertThat(ImportantDates.nextOccurrence(wedding, LocalDate.of(2026, 1, 1))).isEqualTo(LocalDate.of(2027, 6, 1));
	}

}
