package dev.rapport.reminders.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook settings.
 *
 * @param allowPrivateTargets let webhooks reach loopback, link-local and private-range addresses (devstack and tests,
 * whose receivers run on this machine); never in a deployment, where that is the network the service runs in
 * @param maxPerMember how many webhooks of their own a member may have
 * @param maxAttempts a delivery gives up after this many failed attempts
 * @param connectTimeout how long to wait for the receiver's TCP (and TLS) connection
 * @param requestTimeout how long one attempt may take in all, answer included
 * @param logRetention how long the delivery log keeps a delivery
 * @param worker the delivery worker
 */
@ConfigurationProperties("rapport.webhooks")
public record WebhookProperties(@DefaultValue("false") boolean allowPrivateTargets,
		@DefaultValue("10") int maxPerMember,
		@DefaultValue("8") int maxAttempts, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("10s") Duration requestTimeout, @DefaultValue("30d") Duration logRetention,
		@DefaultValue Worker worker) {

	/**
	 * @param enabled whether it runs by itself (tests call it directly)
	 * @param interval pause between runs
	 * @param batchSize deliveries claimed at a time; they are sent one after another within the lease
	 * @param lease how long a claim holds its deliveries: longer than a batch can take, so no other worker sends
	 * them meanwhile, and short enough that a crashed worker's claim is soon taken over
	 */
	public record Worker(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration interval,
			@DefaultValue("10") int batchSize, @DefaultValue("5m") Duration lease) {
	}

}
