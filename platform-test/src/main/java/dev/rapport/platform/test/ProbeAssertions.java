package dev.rapport.platform.test;

import java.time.Duration;

import org.awaitility.Awaitility;

import org.springframework.core.env.Environment;

import dev.rapport.platform.test.TestInfrastructure.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kubernetes' probes through a database outage, for any Rapport application: not ready while its database refuses
 * connections (taken out of the load balancer), but alive (not restarted), and ready again once the database is back.
 * It returns only once the application is ready again, so tests sharing its context are not affected.
 */
public final class ProbeAssertions {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private ProbeAssertions() {
	}

	public static void unreadyButAliveWhileTheDatabaseRefuses(TestDatabase database, Environment environment) {
		ApiClient actuator = new ApiClient(managementPort(environment));
		assertThat(actuator.get("/actuator/health/readiness", null).status()).isEqualTo(200);

		database.refuseConnections();
		try {
			Awaitility.await()
				.atMost(PATIENCE)
				.until(() -> actuator.get("/actuator/health/readiness", null).status() == 503);
			assertThat(actuator.get("/actuator/health/readiness", null).json().at("/status").asString())
				.isEqualTo("DOWN");
			ApiClient.Response liveness = actuator.get("/actuator/health/liveness", null);
			assertThat(liveness.status()).as(liveness.body()).isEqualTo(200);
			assertThat(liveness.json().at("/status").asString()).isEqualTo("UP");
		}
		finally {
			database.acceptConnections();
		}
		Awaitility.await()
			.atMost(PATIENCE)
			.until(() -> actuator.get("/actuator/health/readiness", null).status() == 200);
	}

	/** Actuator's own port when there is one (management.server.port), else the application's. */
	private static int managementPort(Environment environment) {
		return environment.getProperty("local.management.port", Integer.class,
				environment.getRequiredProperty("local.server.port", Integer.class));
	}

}
