package dev.rapport.reminders;

import org.junit.jupiter.api.Test;

import dev.rapport.platform.test.Architecture;

/** The service's features depend on each other in one direction, and none reaches into another's storage. */
class ArchitectureTest {

	@Test
	void featuresDependInOneDirection() {
		Architecture.verify(RemindersApplication.class);
	}

}
