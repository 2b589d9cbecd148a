package dev.rapport.devstack.tools;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.rapport.devstack.stack.UsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevClockTest {

	@Test
	void readsShortAndIsoShifts() {
		assertThat(DevClock.parseShift("15d")).isEqualTo(Duration.ofDays(15));
		assertThat(DevClock.parseShift("36h")).isEqualTo(Duration.ofHours(36));
		assertThat(DevClock.parseShift("2d12h")).isEqualTo(Duration.ofHours(60));
		assertThat(DevClock.parseShift("P3DT4H")).isEqualTo(Duration.ofHours(76));
	}

	@Test
	void refusesWhatIsNotAShift() {
		assertThatThrownBy(() -> DevClock.parseShift("soon")).isInstanceOf(UsageException.class)
			.hasMessageContaining("'soon'");
		assertThatThrownBy(() -> DevClock.parseShift("")).isInstanceOf(UsageException.class);
	}

}
