package dev.rapport.platform.messaging;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps {@code processed_event} bounded: ids older than the retention are deleted, a batch at a time, every few
 * minutes. The retention must outlast every way an event can come back: Kafka's own retention of the topics (7 days
 * on devstack and by default) and a replay from a dead-letter topic ({@code devstack replay}, kept as long). An event
 * redelivered after its id was forgotten would be applied again, so the default is a generous 30 days.
 */
public class ProcessedEventsRetention implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ProcessedEventsRetention.class);

	static final int BATCH = 10_000;

	private final JdbcClient jdbc;

	private final Duration retention;

	private final Duration interval;

	private ScheduledExecutorService scheduler;

	public ProcessedEventsRetention(JdbcClient jdbc, Duration retention, Duration interval) {
		if (retention.compareTo(Duration.ofDays(1)) < 0) {
			throw new IllegalArgumentException("rapport.messaging.processed-event-retention must be at least a day "
					+ "(longer than any replay), got " + retention);
		}
		this.jdbc = jdbc;
		this.retention = retention;
		this.interval = interval;
	}

	/** Deletes the ids recorded before the retention (by the database's clock, which recorded them); returns how many. */
	public int prune() {
		int total = 0;
		int deleted;
		do {
			deleted = jdbc.sql("""
					delete from processed_event where event_id in (
					  select event_id from processed_event
					  where processed_at < now() - make_interval(secs => :seconds) limit :batch)
					""").param("seconds", retention.toSeconds()).param("batch", BATCH).update();
			total += deleted;
		}
		while (deleted == BATCH);
		if (total > 0) {
			log.info("Forgot {} processed event ids older than {}", total, retention);
		}
		return total;
	}

	@Override
	public synchronized void start() {
		scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
			.name("processed-event-retention")
			.daemon(true)
			.factory());
		scheduler.scheduleWithFixedDelay(this::pruneQuietly, interval.toMillis(), interval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void pruneQuietly() {
		try {
			prune();
		}
		catch (RuntimeException ex) {
			log.warn("Could not prune processed_event (next try in {}): {}", interval, ex.toString());
		}
	}

	@Override
	public synchronized void stop() {
		if (scheduler != null) {
			scheduler.shutdownNow();
			scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return scheduler != null;
	}

}
