package dev.rapport.gateway;

import org.junit.jupiter.api.Test;

import dev.rapport.platform.test.Architecture;

/** The gateway's features depend on each other in one direction, and keep their internals to themselves. */
class ArchitectureTest {

	@Test
	void featuresDependInOneDirection() {
		Architecture.verify(GatewayApplication.class);
	}

}
