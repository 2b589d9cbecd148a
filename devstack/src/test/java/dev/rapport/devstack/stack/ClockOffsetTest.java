package dev.rapport.devstack.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ClockOffsetTest {

	@Test
	void theSavedOffsetIsWhatServicesStartWith(@TempDir Path root) throws Exception {
		DataDir dataDir = new DataDir(root);
		assertThat(ClockOffset.saved(dataDir)).isZero();

		Files.writeString(dataDir.clockOffset(), "PT360H\n");

		assertThat(ClockOffset.saved(dataDir)).isEqualTo(Duration.ofDays(15));
		assertThat(ClockOffset.describe(Duration.ofDays(15))).isEqualTo("15 days ahead");
	}

}
