package dev.rapport.devstack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One of Rapport's Spring Boot services as devstack runs it: its module and the database it owns ({@link Ports} has its port). */
record Service(String module, String database) {

	/** In start order; the gateway last, as the one entry point. */
	static final List<Service> ALL = List.of(new Service("contacts-service", "contacts"),
			new Service("interactions-service", "interactions"), new Service("reminders-service", "reminders"),
			new Service("gateway", "gateway"));

	/** Each service's jar as spring-boot-maven-plugin repackages it. */
	Path jar(Path repoRoot, String version) {
		return repoRoot.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
	}

	URI readiness(Ports ports) {
		return ports.url(this).resolve("/actuator/health/readiness");
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
	Map<String, String> environment(DemoIdentity identity, Duration clockOffset, Ports ports) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SERVER_PORT", Integer.toString(ports.of(this)));
		environment.put("KAFKA_BOOTSTRAP", ports.kafkaBootstrap());
		environment.put("DATABASE_URL", ports.jdbcUrl(database));
		environment.put("DATABASE_USERNAME", Postgres.USER);
		environment.put("DATABASE_PASSWORD", Postgres.PASSWORD);
		environment.put("RAPPORT_JWT_ISSUER", DemoIdentity.ISSUER);
		environment.put("RAPPORT_JWT_AUDIENCE", DemoIdentity.AUDIENCE);
		if (hasClock()) {
			// Dev only: /actuator/clock lets `devstack clock` move time; the offset survives a restart.
			environment.put("RAPPORT_DEV_CLOCK_SHIFT_ENABLED", "true");
			environment.put("RAPPORT_CLOCK_OFFSET", clockOffset.toString());
		}
		if (!module.equals("gateway")) {
			// Services trust what the gateway signs, as in any deployment: its JWKS, fetched when first needed.
			environment.put("RAPPORT_JWT_JWKS_URI", ports.gatewayUrl().resolve("/.well-known/jwks.json").toString());
		}
		if (module.equals("interactions-service")) {
			// Asked about a participant whose ContactCreated has not arrived yet.
			environment.put("CONTACTS_URI", ports.url(named("contacts")).toString());
		}
		if (module.equals("gateway")) {
			// The first team and admin get devstack's ids, and the gateway starts with devstack's key: tokens that
			// devstack's tooling signs are then the gateway's own.
			environment.put("RAPPORT_BOOTSTRAP_TEAM_ID", identity.teamId().toString());
			environment.put("RAPPORT_BOOTSTRAP_TEAM_NAME", "Demo team");
			environment.put("RAPPORT_BOOTSTRAP_ADMIN_ID", identity.userId().toString());
			environment.put("RAPPORT_BOOTSTRAP_ADMIN_EMAIL", DemoIdentity.ADMIN_EMAIL);
			environment.put("RAPPORT_BOOTSTRAP_ADMIN_PASSWORD", identity.adminPassword());
			environment.put("RAPPORT_GATEWAY_INITIAL_KEY", "file:" + identity.privateKeyPem().toAbsolutePath());
			environment.put("RAPPORT_GATEWAY_INITIAL_KEY_ID", DemoIdentity.KEY_ID);
			for (Service upstream : ALL) {
				if (!upstream.equals(this)) {
					environment.put(upstream.shortName().toUpperCase() + "_URI", ports.url(upstream).toString());
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

	/** The service of that full or short name. */
	static Service named(String name) {
		return ALL.stream()
			.filter(service -> service.isCalled(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No service " + name));
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
