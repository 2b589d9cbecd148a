package dev.rapport.contacts;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestInfrastructure.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kubernetes' probes through a database outage: the service is not ready while its database refuses connections
 * (taken out of the load balancer), but stays alive (not restarted), and is ready again once the database is back.
 * It shares the context of the other tests, so it ends only once the service is ready again.
 */
@ServiceIntegrationTest
class HealthProbesTest {

	@Autowired
	TestDatabase database;

	@Autowired
	Environment environment;

	@Test
	void aDatabaseOutageMakesTheServiceUnreadyButNotDead() {
		ApiClient actuator = new ApiClient(managementPort());
		assertThat(actuator.get("/actuator/health/readiness", null).status()).isEqualTo(200);

		database.refuseConnections();
		try {
			Awaitility.await()
				.atMost(Duration.ofSeconds(60))
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
			.atMost(Duration.ofSeconds(60))
			.until(() -> actuator.get("/actuator/health/readiness", null).status() == 200);
	}

	/** Actuator's own port when there is one (management.server.port), else the application's. */
	private int managementPort() {
		return environment.getProperty("local.management.port", Integer.class,
				environment.getRequiredProperty("local.server.port", Integer.class));
	}

}
