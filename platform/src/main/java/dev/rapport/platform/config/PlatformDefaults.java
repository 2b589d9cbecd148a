package dev.rapport.platform.config;

import dev.rapport.defaults.RapportDefaults;

/**
 * Adds {@code rapport-service-defaults.yml} (Kafka, Flyway, servlet, the services' token checks) behind every other
 * property source, next to the defaults every Rapport application shares ({@link RapportDefaults}); each service's
 * own application.yml and the environment still win.
 */
public class PlatformDefaults extends RapportDefaults {

	static final String RESOURCE = "rapport-service-defaults.yml";

	public PlatformDefaults() {
		super(RESOURCE);
	}

}
