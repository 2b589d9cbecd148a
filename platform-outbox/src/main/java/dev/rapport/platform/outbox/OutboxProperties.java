package dev.rapport.platform.outbox;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning for the outbox relay. {@code relayEnabled=false} leaves events in the table, which is what a process that
 * died right after committing looks like; tests use it to prove nothing is lost. {@code sendTimeout} is how long the
 * relay waits for a topic's metadata before trying again later, how long a send may wait for the broker's
 * acknowledgement before it is reported as stalled (it is still waited for: see {@link OutboxRelay}), and how long a
 * stopped relay still waits for the answers to what it sent, so it can mark those rows instead of leaving them to be
 * sent again.
 */
@ConfigurationProperties("rapport.outbox")
public record OutboxProperties(@DefaultValue("true") boolean relayEnabled,
		@DefaultValue("500ms") Duration pollInterval, @DefaultValue("200") int batchSize,
		@DefaultValue("200ms") Duration initialBackoff, @DefaultValue("30s") Duration maxBackoff,
		@DefaultValue("10s") Duration sendTimeout, @DefaultValue("7d") Duration retention) {

	public OutboxProperties {
		if (batchSize < 1) {
			throw new IllegalArgumentException("rapport.outbox.batch-size must be at least 1, not " + batchSize);
		}
		requirePositive("poll-interval", pollInterval);
		requirePositive("initial-backoff", initialBackoff);
		requirePositive("max-backoff", maxBackoff);
		// At least a millisecond: the relay waits for answers in steps of it (a zero would spin).
		requirePositive("send-timeout", sendTimeout.truncatedTo(ChronoUnit.MILLIS));
		requirePositive("retention", retention);
	}

	private static void requirePositive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("rapport.outbox." + name + " must be positive, not " + value);
		}
	}

}
