package dev.rapport.reminders.digest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The email digest: where mail goes out, how links are signed, and the sender's pace.
 *
 * @param smtp the SMTP server (no host: the digest is off, and the service says so at startup)
 * @param from the From address of every digest
 * @param linkSecret the key links are signed with (HMAC-SHA256): base64 or hex, at least 16 bytes
 * @param linkTtl how long a done/snooze link works after its mail was made
 * @param unsubscribeTtl how long an unsubscribe link works
 * @param scheduler the sender's pace and its retries
 */
@ConfigurationProperties("rapport.digest")
public record DigestProperties(@DefaultValue Smtp smtp, @DefaultValue("Rapport <digest@rapport.localhost>") String from,
		String linkSecret,
		@DefaultValue("14d") Duration linkTtl, @DefaultValue("90d") Duration unsubscribeTtl,
		@DefaultValue Scheduler scheduler) {

	/** Whether mail can go out at all. */
	public boolean mailEnabled() {
		return smtp.host() != null && !smtp.host().isBlank();
	}

	/**
	 * @param host the SMTP server's host; blank: no mail
	 * @param port its port
	 * @param username user for SMTP AUTH (blank: none)
	 * @param password password for SMTP AUTH
	 * @param startTls whether to require STARTTLS
	 * @param timeout connect, read and write timeout
	 */
	public record Smtp(String host, @DefaultValue("25") int port, String username, String password,
			@DefaultValue("false") boolean startTls, @DefaultValue("10s") Duration timeout) {
	}

	/**
	 * @param enabled whether it runs by itself (tests call it directly)
	 * @param interval pause between runs
	 * @param batchSize deliveries claimed at a time
	 * @param lease how long a claimed delivery is another instance's to leave alone (longer than a send takes)
	 * @param catchUp how late a period's digest may still be started (after downtime); older periods are passed over
	 * @param retryBackoff the wait before the first retry of a failed send, doubling each time
	 * @param retryBackoffMax the longest wait between retries
	 * @param retryFor how long after its hour a failing digest is retried before it is given up (it is stale by then)
	 */
	public record Scheduler(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration interval,
			@DefaultValue("50") int batchSize, @DefaultValue("5m") Duration lease, @DefaultValue("6h") Duration catchUp,
			@DefaultValue("1m") Duration retryBackoff, @DefaultValue("1h") Duration retryBackoffMax,
			@DefaultValue("24h") Duration retryFor) {
	}

}
