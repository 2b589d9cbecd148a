package dev.rapport.platform.messaging;

import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.platform.retention.AgeRetention;

/**
 * Keeps {@code processed_event} bounded. The retention must outlast every way an event can come back: Kafka's own
 * retention of the topics (7 days on devstack and by default) and a replay from a dead-letter topic ({@code devstack
 * replay}, kept as long). An event redelivered after its id was forgotten would be applied again, so the default is
 * a generous 30 days.
 */
public class ProcessedEventsRetention extends AgeRetention {

	public ProcessedEventsRetention(JdbcClient jdbc, Duration retention, Duration interval) {
		super(jdbc, "processed_event", """
				delete from processed_event where event_id in (
				  select event_id from processed_event
				  where processed_at < now() - make_interval(secs => :seconds) limit :batch)
				""", atLeastADay(retention), interval);
	}

	private static Duration atLeastADay(Duration retention) {
		if (retention.compareTo(Duration.ofDays(1)) < 0) {
			throw new IllegalArgumentException("rapport.messaging.processed-event-retention must be at least a day "
					+ "(longer than any replay), got " + retention);
		}
		return retention;
	}

}
