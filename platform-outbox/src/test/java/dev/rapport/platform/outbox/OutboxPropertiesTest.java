package dev.rapport.platform.outbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** A relay tuned to spin or never to send does not start: the setting at fault is named. */
class OutboxPropertiesTest {

	@Test
	void theDefaultsAreAccepted() {
		assertThatCode(() -> withSendTimeout(Duration.ofSeconds(10))).doesNotThrowAnyException();
	}

	@Test
	void aSendTimeoutUnderAMillisecondIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> withSendTimeout(Duration.ZERO))
			.withMessageContaining("rapport.outbox.send-timeout must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> withSendTimeout(Duration.ofNanos(500)))
			.withMessageContaining("rapport.outbox.send-timeout");
	}

	@Test
	void anEmptyBatchOrANegativeIntervalIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OutboxProperties(true, Duration.ofMillis(500), 0, Duration.ofMillis(200),
					Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofDays(7)))
			.withMessageContaining("rapport.outbox.batch-size");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OutboxProperties(true, Duration.ofMillis(-1), 200, Duration.ofMillis(200),
					Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofDays(7)))
			.withMessageContaining("rapport.outbox.poll-interval");
	}

	private static OutboxProperties withSendTimeout(Duration sendTimeout) {
		return new OutboxProperties(true, Duration.ofMillis(500), 200, Duration.ofMillis(200), Duration.ofSeconds(30),
				sendTimeout, Duration.ofDays(7));
	}

}
