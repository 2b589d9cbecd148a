package dev.rapport.devstack.stack;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTest {

	@Test
	void runsOneCombinedKraftNodeOnLoopback() {
		Map<String, String> properties = KafkaBroker.serverProperties(Path.of("/data/kafka/data"), Ports.DEFAULT);

		assertThat(properties).containsEntry("process.roles", "broker,controller")
			.containsEntry("node.id", "1")
			.containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
			.containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
			.containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
			.containsEntry("controller.listener.names", "CONTROLLER")
			.containsEntry("log.dirs", "/data/kafka/data");
	}

	@Test
	void replicatesNothingAndNeverCreatesTopicsByAccident() {
		Map<String, String> properties = KafkaBroker.serverProperties(Path.of("/d"), Ports.DEFAULT);

		assertThat(properties).containsEntry("auto.create.topics.enable", "false")
			.containsEntry("offsets.topic.replication.factor", "1")
			.containsEntry("transaction.state.log.replication.factor", "1")
			.containsEntry("transaction.state.log.min.isr", "1")
			.containsEntry("share.coordinator.state.topic.replication.factor", "1");
	}

	@Test
	void rendersAsAPropertiesFile() {
		String text = KafkaBroker.render(KafkaBroker.serverProperties(Path.of("/d"), Ports.DEFAULT));

		assertThat(text).startsWith("#").contains("\nprocess.roles=broker,controller\n").endsWith("\n");
	}

}
