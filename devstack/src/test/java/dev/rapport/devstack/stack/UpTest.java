package dev.rapport.devstack.stack;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UpTest {

	private static final List<String> DEFAULTS = List.of("-XX:+UseSerialGC", "-Xmx384m");

	@Test
	void extraJavaOptionsComeAfterTheDefaults() {
		assertThat(Up.javaOptions(DEFAULTS, " -XX:TieredStopAtLevel=1   -Xmx1g ")).containsExactly("-XX:+UseSerialGC",
				"-Xmx384m", "-XX:TieredStopAtLevel=1", "-Xmx1g");
		assertThat(Up.javaOptions(DEFAULTS, "")).isEqualTo(DEFAULTS);
	}

	@Test
	void anExtraCollectorReplacesTheDefaultOne() {
		assertThat(Up.javaOptions(DEFAULTS, "-XX:+UseG1GC")).containsExactly("-Xmx384m", "-XX:+UseG1GC");
		assertThat(Up.javaOptions(DEFAULTS, "-XX:+UseZGC -Xmx2g")).containsExactly("-Xmx384m", "-XX:+UseZGC", "-Xmx2g");
	}

}
