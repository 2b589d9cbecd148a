package dev.rapport.reminders;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * reminders-service settings: how many days ahead important dates fire, and the scheduler's pace.
 *
 * @param importantDateLeadDays birthdays, anniversaries and other dates fire this many days before the day
 * @param upcomingDays how far ahead the agenda's "upcoming" section looks
 * @param scheduler the due-item scheduler
 */
@ConfigurationProperties("rapport.reminders")
public record RemindersProperties(@DefaultValue("7") int importantDateLeadDays, @DefaultValue("14") int upcomingDays,
		@DefaultValue Scheduler scheduler) {

	/**
	 * @param enabled whether it runs by itself (tests call it directly)
	 * @param interval pause between runs
	 * @param batchSize rows claimed per transaction
	 * @param failureBackoff how long a row that failed to evaluate waits before its first retry (doubling each time)
	 * @param failureBackoffMax the longest wait between retries of a failing row
	 */
	public record Scheduler(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration interval,
			@DefaultValue("100") int batchSize, @DefaultValue("1m") Duration failureBackoff,
			@DefaultValue("6h") Duration failureBackoffMax) {
	}

}
