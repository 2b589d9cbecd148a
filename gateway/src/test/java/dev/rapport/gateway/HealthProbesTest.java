package dev.rapport.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import dev.rapport.platform.test.ProbeAssertions;
import dev.rapport.platform.test.TestInfrastructure.TestDatabase;

/** Kubernetes' probes through an outage of the identity database: not ready, but alive, and ready again after it. */
@GatewayIntegrationTest
class HealthProbesTest {

	@Autowired
	TestDatabase database;

	@Autowired
	Environment environment;

	@Test
	void aDatabaseOutageMakesTheGatewayUnreadyButNotDead() {
		ProbeAssertions.unreadyButAliveWhileTheDatabaseRefuses(database, environment);
	}

}
