package dev.rapport.platform.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning for the outbox relay. {@code relayEnabled=false} leaves events in the table, which is what a process that
 * died right after committing looks like; tests use it to prove nothing is lost. {@code sendTimeout} is how long the
 * relay waits for a topic's metadata before trying again later, and how long a send may wait for the broker's
 * acknowledgement before it is reported as stalled (it is still waited for: see {@link OutboxRelay}).
 */
@ConfigurationProperties("rapport.outbox")
public record OutboxProperties(@DefaultValue("true") boolean relayEnabled,
		@DefaultValue("500ms") Duration pollInterval, @DefaultValue("200") int batchSize,
		@DefaultValue("200ms") Duration initialBackoff, @DefaultValue("30s") Duration maxBackoff,
		@DefaultValue("10s") Duration sendTimeout, @DefaultValue("7d") Duration retention) {
}
