package dev.rapport.contacts;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import dev.rapport.platform.test.ProbeAssertions;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestInfrastructure.TestDatabase;

/** Kubernetes' probes through a database outage: the service is not ready, but alive, and ready again after it. */
@ServiceIntegrationTest
class HealthProbesTest {

	@Autowired
	TestDatabase database;

	@Autowired
	Environment environment;

	@Test
	void aDatabaseOutageMakesTheServiceUnreadyButNotDead() {
		ProbeAssertions.unreadyButAliveWhileTheDatabaseRefuses(database, environment);
	}

}
