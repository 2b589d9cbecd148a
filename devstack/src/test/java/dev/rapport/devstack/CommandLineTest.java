package dev.rapport.devstack;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.rapport.devstack.stack.UsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {

	private static final Set<String> VALUE_OPTIONS = Set.of("skip", "ttl");

	@Test
	void noArgumentsMeansUp() {
		CommandLine line = CommandLine.parse(List.of(), VALUE_OPTIONS);

		assertThat(line.command()).isEqualTo("up");
		assertThat(line.arguments()).isEmpty();
		assertThat(line.options()).isEmpty();
	}

	@Test
	void optionsWithoutCommandStillMeanUp() {
		CommandLine line = CommandLine.parse(List.of("--fresh"), VALUE_OPTIONS);

		assertThat(line.command()).isEqualTo("up");
		assertThat(line.flag("fresh")).isTrue();
	}

	@Test
	void separatesArgumentsFlagsAndValues() {
		CommandLine line = CommandLine.parse(List.of("tail", "rapport.contacts.v1", "--from-beginning", "--skip",
				"gateway, reminders", "--ttl=PT1H"), VALUE_OPTIONS);

		assertThat(line.command()).isEqualTo("tail");
		assertThat(line.arguments()).containsExactly("rapport.contacts.v1");
		assertThat(line.flag("from-beginning")).isTrue();
		assertThat(line.flag("all")).isFalse();
		assertThat(line.list("skip")).containsExactly("gateway", "reminders");
		assertThat(line.option("ttl")).hasValue("PT1H");
		assertThat(line.list("only")).isEmpty();
	}

	@Test
	void aValueOptionNeedsItsValue() {
		assertThatThrownBy(() -> CommandLine.parse(List.of("up", "--skip"), VALUE_OPTIONS))
			.isInstanceOf(UsageException.class)
			.hasMessageContaining("--skip needs a value");
		assertThatThrownBy(() -> CommandLine.parse(List.of("up", "--skip", "--fresh"), VALUE_OPTIONS))
			.isInstanceOf(UsageException.class);
	}

	@Test
	void rejectsOptionsTheCommandDoesNotKnow() {
		CommandLine line = CommandLine.parse(List.of("up", "--frsh"), VALUE_OPTIONS);

		assertThatThrownBy(() -> line.allow("fresh", "skip")).isInstanceOf(UsageException.class)
			.hasMessageContaining("--frsh")
			.hasMessageContaining("--fresh");
	}

}
