package dev.rapport.devstack.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.rapport.tokens.RsaKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceTest {

	static final DemoIdentity IDENTITY = new DemoIdentity(RsaKeys.generate(), Path.of("/data/keys/jwt-private.pem"),
			Path.of("/data/keys/jwt-public.pem"), UUID.randomUUID(), UUID.randomUUID(), "demo-password");

	@Test
	void selectsAllByDefaultInStartOrder() {
		assertThat(Service.select(List.of(), List.of())).extracting(Service::module)
			.containsExactly("contacts-service", "interactions-service", "reminders-service", "analytics-service",
					"gateway");
	}

	@Test
	void onlyAndSkipAcceptShortAndFullNames() {
		assertThat(Service.select(List.of("contacts", "gateway"), List.of())).extracting(Ports.DEFAULT::of)
			.containsExactly(8081, 8080);
		assertThat(Service.select(List.of(), List.of("contacts-service", "reminders"))).extracting(Service::module)
			.containsExactly("interactions-service", "analytics-service", "gateway");
		assertThat(Service.select(List.of("contacts", "gateway"), List.of("gateway"))).extracting(Service::module)
			.containsExactly("contacts-service");
	}

	@Test
	void unknownNamesAreAnError() {
		assertThatThrownBy(() -> Service.select(List.of(), List.of("contact"))).isInstanceOf(UsageException.class)
			.hasMessageContaining("contact");
	}

	@Test
	void servicesGetTheirOwnDatabaseAndTheSharedWiring() {
		Service contacts = Service.select(List.of("contacts"), List.of()).getFirst();

		Map<String, String> environment = contacts.environment(IDENTITY, Duration.ofDays(15), Ports.DEFAULT);

		assertThat(environment).containsEntry("SERVER_PORT", "8081")
			.containsEntry("KAFKA_BOOTSTRAP", "127.0.0.1:9092")
			.containsEntry("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5433/contacts")
			.containsEntry("DATABASE_USERNAME", "postgres")
			.containsEntry("RAPPORT_JWT_JWKS_URI", "http://127.0.0.1:8080/.well-known/jwks.json")
			.containsEntry("RAPPORT_JWT_ISSUER", "rapport")
			.containsEntry("RAPPORT_JWT_AUDIENCE", "rapport-api")
			.containsEntry("RAPPORT_DEV_CLOCK_SHIFT_ENABLED", "true")
			.containsEntry("RAPPORT_CLOCK_OFFSET", "PT360H")
			.doesNotContainKey("CONTACTS_URI");
	}

	@Test
	void theGatewayKnowsWhereEveryServiceIs() {
		Service gateway = Service.select(List.of("gateway"), List.of()).getFirst();

		assertThat(gateway.environment(IDENTITY, Duration.ZERO, Ports.DEFAULT)).containsEntry("SERVER_PORT", "8080")
			.containsEntry("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5433/gateway")
			.containsEntry("CONTACTS_URI", "http://127.0.0.1:8081")
			.containsEntry("INTERACTIONS_URI", "http://127.0.0.1:8082")
			.containsEntry("REMINDERS_URI", "http://127.0.0.1:8083")
			.containsEntry("ANALYTICS_URI", "http://127.0.0.1:8084")
			.containsEntry("RAPPORT_BOOTSTRAP_TEAM_ID", IDENTITY.teamId().toString())
			.containsEntry("RAPPORT_BOOTSTRAP_ADMIN_ID", IDENTITY.userId().toString())
			.containsEntry("RAPPORT_BOOTSTRAP_ADMIN_PASSWORD", "demo-password")
			.containsEntry("RAPPORT_GATEWAY_INITIAL_KEY", "file:/data/keys/jwt-private.pem")
			.containsEntry("RAPPORT_GATEWAY_INITIAL_KEY_ID", "devstack-1")
			.doesNotContainKey("RAPPORT_JWT_JWKS_URI")
			.doesNotContainKey("GATEWAY_URI")
			.doesNotContainKey("RAPPORT_DEV_CLOCK_SHIFT_ENABLED");
	}

	@Test
	void withReplicasEachInstanceHasItsOwnPortsAndEveryAddressIsABalancer() {
		Ports ports = Ports.parse("20000", 2);
		Instance second = ports.instance(Service.GATEWAY, 2);

		assertThat(Service.GATEWAY.environment(IDENTITY, Duration.ZERO, ports, second))
			.containsEntry("SERVER_PORT", "20019")
			.containsEntry("MANAGEMENT_PORT", "20024")
			.containsEntry("CONTACTS_URI", "http://127.0.0.1:20001")
			.containsEntry("RAPPORT_REDIS_URL", "redis://127.0.0.1:20013");
		assertThat(Service.CONTACTS.environment(IDENTITY, Duration.ZERO, ports, ports.instance(Service.CONTACTS, 2)))
			.containsEntry("SERVER_PORT", "20020")
			.containsEntry("RAPPORT_JWT_JWKS_URI", "http://127.0.0.1:20000/.well-known/jwks.json")
			.doesNotContainKey("RAPPORT_REDIS_URL");
		assertThat(Service.GATEWAY.environment(IDENTITY, Duration.ZERO, Ports.DEFAULT))
			.as("a single gateway keeps sessions in its memory")
			.doesNotContainKey("RAPPORT_REDIS_URL");
	}

	@Test
	void analyticsHasNoDatabaseButAStateDirectoryOfEachInstance() {
		assertThat(Service.ANALYTICS.environment(IDENTITY, Duration.ZERO, Ports.DEFAULT))
			.containsEntry("SERVER_PORT", "8084")
			.containsEntry("MANAGEMENT_PORT", "9084")
			.containsEntry("KAFKA_BOOTSTRAP", "127.0.0.1:9092")
			.containsEntry("RAPPORT_JWT_JWKS_URI", "http://127.0.0.1:8080/.well-known/jwks.json")
			.doesNotContainKey("DATABASE_URL");
		assertThat(Service.ANALYTICS.stateDirectoryVariable()).isEqualTo("ANALYTICS_STATE_DIR");
		assertThat(Service.REMINDERS.stateDirectoryVariable()).isNull();
		assertThatThrownBy(() -> Service.ANALYTICS.openDatabase(Ports.DEFAULT)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("no database");
	}

	@Test
	void findsTheRepackagedJarAndTheReadinessProbe() {
		Service reminders = Service.select(List.of("reminders"), List.of()).getFirst();

		assertThat(reminders.jar(Path.of("/repo"), "1.2.3"))
			.isEqualTo(Path.of("/repo/reminders-service/target/reminders-service-1.2.3.jar"));
		assertThat(reminders.readiness(Ports.DEFAULT)).hasToString("http://127.0.0.1:9083/actuator/health/readiness");
	}

}
