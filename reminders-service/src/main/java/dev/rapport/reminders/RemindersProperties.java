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
	 */
	public record Scheduler(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration interval,
			@DefaultValue("100") int batchSize) {
	}

}
