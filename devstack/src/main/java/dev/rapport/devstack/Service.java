package dev.rapport.devstack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One of Rapport's Spring Boot services as devstack runs it: its module, port and the database it owns. */
record Service(String module, int port, String database) {

	/** In start order; the gateway last, as the one entry point. */
	static final List<Service> ALL = List.of(new Service("contacts-service", 8081, "contacts"),
			new Service("interactions-service", 8082, "interactions"),
			new Service("reminders-service", 8083, "reminders"), new Service("gateway", 8080, "gateway"));

	/** Each service's jar as spring-boot-maven-plugin repackages it. */
	Path jar(Path repoRoot, String version) {
		return repoRoot.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + port);
	}

	URI readiness() {
		return url().resolve("/actuator/health/readiness");
	}

	/** The module name without "-service": what --only and --skip accept besides the full name. */
	String shortName() {
		return module.replaceFirst("-service$", "");
	}

	/** The gateway has no business clock; the other services share one that devstack can move. */
	boolean hasClock() {
		return !module.equals("gateway");
	}

	/** The environment a service reads its wiring from; each service's application.yml has local defaults. */
	Map<String, String> environment(Path jwtPublicKey, Duration clockOffset) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SERVER_PORT", Integer.toString(port));
		environment.put("KAFKA_BOOTSTRAP", KafkaBroker.BOOTSTRAP);
		environment.put("DATABASE_URL", Postgres.jdbcUrl(database));
		environment.put("DATABASE_USERNAME", Postgres.USER);
		environment.put("DATABASE_PASSWORD", Postgres.PASSWORD);
		environment.put("RAPPORT_JWT_PUBLIC_KEY", "file:" + jwtPublicKey.toAbsolutePath());
		environment.put("RAPPORT_JWT_ISSUER", DemoIdentity.ISSUER);
		environment.put("RAPPORT_JWT_AUDIENCE", DemoIdentity.AUDIENCE);
		if (hasClock()) {
			// Dev only: /actuator/clock lets `devstack clock` move time; the offset survives a restart.
			environment.put("RAPPORT_DEV_CLOCK_SHIFT_ENABLED", "true");
			environment.put("RAPPORT_CLOCK_OFFSET", clockOffset.toString());
		}
		if (module.equals("gateway")) {
			for (Service upstream : ALL) {
				if (!upstream.equals(this)) {
					environment.put(upstream.shortName().toUpperCase() + "_URI", upstream.url().toString());
				}
			}
		}
		return environment;
	}

	/** Applies {@code --only} (if given) then {@code --skip}; names may be full or short ("contacts"). */
	static List<Service> select(List<String> only, List<String> skip) {
		List<String> unknown = new ArrayList<>();
		for (String name : concat(only, skip)) {
			if (ALL.stream().noneMatch(service -> service.isCalled(name))) {
				unknown.add(name);
			}
		}
		if (!unknown.isEmpty()) {
			throw new CommandLine.UsageException("Unknown service(s) " + unknown + "; devstack knows "
					+ ALL.stream().map(Service::module).toList());
		}
		return ALL.stream()
			.filter(service -> only.isEmpty() || only.stream().anyMatch(service::isCalled))
			.filter(service -> skip.stream().noneMatch(service::isCalled))
			.toList();
	}

	private boolean isCalled(String name) {
		return module.equals(name) || shortName().equals(name);
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

}
