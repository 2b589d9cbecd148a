package dev.rapport.devstack.stack;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class PortsTest {

	@Test
	void defaultsBaseOrFree() {
		assertThat(Ports.parse("default"))
			.isEqualTo(new Ports(8080, 8081, 8082, 8083, 5433, 9092, 9093, 9080, 9081, 9082, 9083, 8084, 9084));
		assertThat(Ports.parse("18080")).isEqualTo(new Ports(18080, 18081, 18082, 18083, 18084, 18085, 18086, 18087,
				18088, 18089, 18090, 18091, 18092));
		Ports free = Ports.parse("free");
		assertThat(new HashSet<>(List.of(free.gateway(), free.contacts(), free.interactions(), free.reminders(),
				free.postgres(), free.kafka(), free.kafkaController(), free.gatewayManagement(),
				free.contactsManagement(), free.interactionsManagement(), free.remindersManagement(), free.analytics(),
				free.analyticsManagement())))
			.as("thirteen different ports")
			.hasSize(13);
	}

	@Test
	void replicasAddRedisAndTheInstancesPortsAfterTheThirteen() {
		Ports block = Ports.parse("20000", 2);
		assertThat(block.replicas()).isEqualTo(2);
		assertThat(block.url(Service.CONTACTS)).as("the balancer").hasToString("http://127.0.0.1:20001");
		assertThat(block.redisUrl()).isEqualTo("redis://127.0.0.1:20013");
		assertThat(block.instances(Service.CONTACTS)).extracting(Instance::name, Instance::port, Instance::managementPort)
			.containsExactly(tuple("contacts-service-1", 20015, 20008), tuple("contacts-service-2", 20020, 20025));
		assertThat(block.instance(Service.GATEWAY, 2).url()).hasToString("http://127.0.0.1:20019");
		assertThat(block.instance(Service.REMINDERS, 2).managementUrl()).hasToString("http://127.0.0.1:20027");
		assertThat(block.instances(Service.ANALYTICS)).extracting(Instance::port, Instance::managementPort)
			.containsExactly(tuple(20018, 20012), tuple(20023, 20028));
		assertThat(block.named(Service.ALL)).as("29 ports, none twice").hasSize(29);

		Ports defaults = Ports.parse("default", 2);
		assertThat(defaults.redis()).isEqualTo(6380);
		assertThat(defaults.instances(Service.GATEWAY)).extracting(Instance::port, Instance::managementPort)
			.containsExactly(tuple(8180, 9080), tuple(8280, 9180));
		assertThat(defaults.instance(Service.INTERACTIONS, 2).port()).isEqualTo(8282);

		Ports free = Ports.parse("free", 3);
		assertThat(free.named(Service.ALL)).as("all different").hasSize(13 + 1 + 5 + 10 * 2);
		assertThat(free.instances(Service.REMINDERS)).hasSize(3);
	}

	@Test
	void oneInstanceListensOnTheApplicationsOwnPorts() {
		assertThat(Ports.DEFAULT.replicas()).isEqualTo(1);
		assertThat(Ports.DEFAULT.instances(Service.CONTACTS)).extracting(Instance::name, Instance::port,
				Instance::managementPort)
			.containsExactly(tuple("contacts-service", 8081, 9081));
		assertThat(Ports.parse("default", 1)).isEqualTo(Ports.DEFAULT);
		assertThatThrownBy(() -> Ports.parse("default", 0)).isInstanceOf(UsageException.class)
			.hasMessageContaining("--replicas");
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
		Ports replicas = Ports.free(2);
		replicas.save(dataDir);
		assertThat(Ports.load(dataDir)).isEqualTo(replicas);
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
