package dev.rapport.analytics;

import org.junit.jupiter.api.Test;

import dev.rapport.platform.test.Architecture;

/** The service's features (fact, weekly, coverage) depend on each other in one direction. */
class ArchitectureTest {

	@Test
	void featuresDependInOneDirection() {
		Architecture.verify(AnalyticsApplication.class);
	}

}
