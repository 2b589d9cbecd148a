package dev.rapport.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceTest {

	@Test
	void selectsAllByDefaultInStartOrder() {
		assertThat(Service.select(List.of(), List.of())).extracting(Service::module)
			.containsExactly("contacts-service", "interactions-service", "reminders-service", "gateway");
	}

	@Test
	void onlyAndSkipAcceptShortAndFullNames() {
		assertThat(Service.select(List.of("contacts", "gateway"), List.of())).extracting(Service::port)
			.containsExactly(8081, 8080);
		assertThat(Service.select(List.of(), List.of("contacts-service", "reminders"))).extracting(Service::module)
			.containsExactly("interactions-service", "gateway");
		assertThat(Service.select(List.of("contacts", "gateway"), List.of("gateway"))).extracting(Service::module)
			.containsExactly("contacts-service");
	}

	@Test
	void unknownNamesAreAnError() {
		assertThatThrownBy(() -> Service.select(List.of(), List.of("contact"))).isInstanceOf(CommandLine.UsageException.class)
			.hasMessageContaining("contact");
	}

	@Test
	void servicesGetTheirOwnDatabaseAndTheSharedWiring() {
		Service contacts = Service.select(List.of("contacts"), List.of()).getFirst();

		Map<String, String> environment = contacts.environment(Path.of("/data/keys/jwt-public.pem"), Duration.ofDays(15));

		assertThat(environment).containsEntry("SERVER_PORT", "8081")
			.containsEntry("KAFKA_BOOTSTRAP", "127.0.0.1:9092")
			.containsEntry("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5433/contacts")
			.containsEntry("DATABASE_USERNAME", "postgres")
			.containsEntry("RAPPORT_JWT_PUBLIC_KEY", "file:/data/keys/jwt-public.pem")
			.containsEntry("RAPPORT_JWT_ISSUER", "rapport")
			.containsEntry("RAPPORT_JWT_AUDIENCE", "rapport-api")
			.containsEntry("RAPPORT_DEV_CLOCK_SHIFT_ENABLED", "true")
			.containsEntry("RAPPORT_CLOCK_OFFSET", "PT360H")
			.doesNotContainKey("CONTACTS_URI");
	}

	@Test
	void theGatewayKnowsWhereEveryServiceIs() {
		Service gateway = Service.select(List.of("gateway"), List.of()).getFirst();

		assertThat(gateway.environment(Path.of("/k.pem"), Duration.ZERO)).containsEntry("SERVER_PORT", "8080")
			.containsEntry("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5433/gateway")
			.containsEntry("CONTACTS_URI", "http://127.0.0.1:8081")
			.containsEntry("INTERACTIONS_URI", "http://127.0.0.1:8082")
			.containsEntry("REMINDERS_URI", "http://127.0.0.1:8083")
			.doesNotContainKey("GATEWAY_URI")
			.doesNotContainKey("RAPPORT_DEV_CLOCK_SHIFT_ENABLED");
	}

	@Test
	void findsTheRepackagedJarAndTheReadinessProbe() {
		Service reminders = Service.select(List.of("reminders"), List.of()).getFirst();

		assertThat(reminders.jar(Path.of("/repo"), "1.2.3"))
			.isEqualTo(Path.of("/repo/reminders-service/target/reminders-service-1.2.3.jar"));
		assertThat(reminders.readiness()).hasToString("http://127.0.0.1:8083/actuator/health/readiness");
	}

}
