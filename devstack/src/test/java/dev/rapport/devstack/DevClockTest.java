package dev.rapport.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
		assertThatThrownBy(() -> DevClock.parseShift("soon")).isInstanceOf(CommandLine.UsageException.class)
			.hasMessageContaining("'soon'");
		assertThatThrownBy(() -> DevClock.parseShift("")).isInstanceOf(CommandLine.UsageException.class);
	}

	@Test
	void theSavedOffsetIsWhatServicesStartWith(@TempDir Path root) throws Exception {
		DataDir dataDir = new DataDir(root);
		assertThat(DevClock.savedOffset(dataDir)).isZero();

		Files.writeString(dataDir.clockOffset(), "PT360H\n");

		assertThat(DevClock.savedOffset(dataDir)).isEqualTo(Duration.ofDays(15));
		assertThat(DevClock.describe(Duration.ofDays(15))).isEqualTo("15 days ahead");
	}

}
