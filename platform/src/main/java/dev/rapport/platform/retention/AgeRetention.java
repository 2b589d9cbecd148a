package dev.rapport.platform.retention;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps a bookkeeping table bounded: rows older than the retention (by the database's clock, which stamped them) are
 * deleted a batch at a time, every {@code interval}. {@code deleteBatch} deletes at most {@code :batch} rows stamped
 * before {@code now() - :seconds} and returns how many it deleted.
 */
public class AgeRetention implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AgeRetention.class);

	public static final int BATCH = 10_000;

	private final JdbcClient jdbc;

	private final String table;

	private final String deleteBatch;

	private final Duration retention;

	private final Duration interval;

	private ScheduledExecutorService scheduler;

	public AgeRetention(JdbcClient jdbc, String table, String deleteBatch, Duration retention, Duration interval) {
		this.jdbc = jdbc;
		this.table = table;
		this.deleteBatch = deleteBatch;
		this.retention = retention;
		this.interval = interval;
	}

	/** Deletes the rows stamped before the retention; returns how many. */
	public int prune() {
		int total = 0;
		int deleted;
		do {
			deleted = jdbc.sql(deleteBatch).param("seconds", retention.toSeconds()).param("batch", BATCH).update();
			total += deleted;
		}
		while (deleted == BATCH);
		if (total > 0) {
			log.info("Deleted {} rows of {} older than {}", total, table, retention);
		}
		return total;
	}

	@Override
	public synchronized void start() {
		scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
			.name(table.replace('_', '-') + "-retention")
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
			log.warn("Could not prune {} (next try in {}): {}", table, interval, ex.toString());
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
