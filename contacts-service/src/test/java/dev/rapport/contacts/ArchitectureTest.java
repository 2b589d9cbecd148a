package dev.rapport.contacts;

import org.junit.jupiter.api.Test;

import dev.rapport.platform.test.Architecture;

/** The features of contacts-service depend on each other in one direction and keep their internals to themselves. */
class ArchitectureTest {

	@Test
	void featuresDependInOneDirectionAndKeepTheirInternals() {
		Architecture.verify(ContactsApplication.class);
	}

}
