package dev.rapport.devstack;

import org.junit.jupiter.api.Test;

import dev.rapport.platform.test.Architecture;

/** Devstack keeps the shape every module keeps: its packages depend on each other in one direction. */
class ArchitectureTest {

	@Test
	void packagesDependOneWay() {
		Architecture.verify("dev.rapport.devstack");
	}

}
