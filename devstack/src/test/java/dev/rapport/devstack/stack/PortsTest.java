package dev.rapport.devstack.stack;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortsTest {

	@Test
	void defaultsBaseOrFree() {
		assertThat(Ports.parse("default"))
			.isEqualTo(new Ports(8080, 8081, 8082, 8083, 5433, 9092, 9093, 9080, 9081, 9082, 9083));
		assertThat(Ports.parse("18080")).isEqualTo(new Ports(18080, 18081, 18082, 18083, 18084, 18085, 18086, 18087,
				18088, 18089, 18090));
		Ports free = Ports.parse("free");
		assertThat(new HashSet<>(List.of(free.gateway(), free.contacts(), free.interactions(), free.reminders(),
				free.postgres(), free.kafka(), free.kafkaController(), free.gatewayManagement(),
				free.contactsManagement(), free.interactionsManagement(), free.remindersManagement())))
			.as("eleven different ports")
			.hasSize(11);
	}

	@Test
	void refusesWhatIsNotAPort() {
		assertThatThrownBy(() -> Ports.parse("many")).isInstanceOf(UsageException.class)
			.hasMessageContaining("default, free or a base port");
		assertThatThrownBy(() -> Ports.parse("65530")).isInstanceOf(UsageException.class)
			.hasMessageContaining("65536");
	}

	@Test
	void theOtherCommandsFindThePortsTheLastUpUsed(@TempDir Path dir) {
		DataDir dataDir = new DataDir(dir);
		assertThat(Ports.load(dataDir)).as("before any up").isEqualTo(Ports.DEFAULT);
		Ports free = Ports.free();
		free.save(dataDir);
		assertThat(Ports.load(dataDir)).isEqualTo(free);
	}

	@Test
	void everythingDevstackWiresUsesThem() {
		Ports ports = Ports.fromBase(20000);
		assertThat(ports.url(Service.named("interactions"))).hasToString("http://127.0.0.1:20002");
		assertThat(ports.jdbcUrl("contacts")).isEqualTo("jdbc:postgresql://127.0.0.1:20004/contacts");
		assertThat(ports.kafkaBootstrap()).isEqualTo("127.0.0.1:20005");
		assertThat(ports.managementUrl(Service.named("reminders"))).hasToString("http://127.0.0.1:20010");
		assertThat(Service.named("gateway").environment(ServiceTest.IDENTITY, java.time.Duration.ZERO, ports))
			.containsEntry("SERVER_PORT", "20000")
			.containsEntry("MANAGEMENT_PORT", "20007")
			.containsEntry("CONTACTS_URI", "http://127.0.0.1:20001")
			.containsEntry("KAFKA_BOOTSTRAP", "127.0.0.1:20005");
		assertThat(Service.named("contacts").environment(ServiceTest.IDENTITY, java.time.Duration.ZERO, ports))
			.containsEntry("RAPPORT_JWT_JWKS_URI", "http://127.0.0.1:20000/.well-known/jwks.json");
	}

}
