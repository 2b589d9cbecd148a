package dev.rapport.devstack.stack;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DataDirTest {

	private static final Path REPO = Path.of("/repo");

	@Test
	void defaultsToDotDevstackAtTheRepoRoot() {
		assertThat(DataDir.locate(Map.of(), REPO).root()).isEqualTo(Path.of("/repo/.devstack"));
	}

	@Test
	void anEnvironmentVariableMovesIt() {
		assertThat(DataDir.locate(Map.of("RAPPORT_DEVSTACK_DIR", "/tmp/stack"), REPO).root()).isEqualTo(Path.of("/tmp/stack"));
		assertThat(DataDir.locate(Map.of("RAPPORT_DEVSTACK_DIR", "other"), REPO).root()).isEqualTo(Path.of("/repo/other"));
	}

	@Test
	void laysOutOneFolderPerProcess() {
		DataDir dataDir = new DataDir(Path.of("/d"));

		assertThat(dataDir.kafka()).isEqualTo(Path.of("/d/kafka"));
		assertThat(dataDir.postgres()).isEqualTo(Path.of("/d/postgres"));
		assertThat(dataDir.log("gateway")).isEqualTo(Path.of("/d/logs/gateway.log"));
		assertThat(dataDir.jar(Service.CONTACTS)).isEqualTo(Path.of("/d/jars/contacts-service.jar"));
	}

}
