package dev.rapport.devstack.stack;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One of Rapport's Spring Boot services as devstack runs it: its module, the database it owns ({@link Ports} has its
 * port), whether it has the business clock devstack can move, and the variables it reads its wiring from besides
 * those every service gets. Each constant declares its own, so the table reads like a compose file.
 */
public enum Service {

	CONTACTS("contacts-service", "contacts", true, Service::trustsTheGateway),

	INTERACTIONS("interactions-service", "interactions", true, wiring -> with(trustsTheGateway(wiring),
			// Asked about a participant whose ContactCreated has not arrived yet.
			"CONTACTS_URI", wiring.ports().url(CONTACTS).toString())),

	REMINDERS("reminders-service", "reminders", true, Service::trustsTheGateway),

	/**
	 * No database: its Kafka Streams state stores live in a directory of each instance's own (restored from their
	 * changelog topics when it is gone). Its clock says which weeks are past and who was talked to in 90 days.
	 */
	ANALYTICS("analytics-service", null, true, Service::trustsTheGateway),

	/**
	 * The first team and admin get devstack's ids, and the gateway starts with devstack's key: tokens that devstack's
	 * tooling signs are then the gateway's own. It routes to every other service.
	 */
	GATEWAY("gateway", "gateway", false, Service::signsForTheOthers);

	/** In start order; the gateway last, as the one entry point. */
	public static final List<Service> ALL = List.of(values());

	private final String module;

	/** Null for a service without a database of its own. */
	private final String database;

	private final boolean clock;

	private final Function<Wiring, Map<String, String>> variables;

	Service(String module, String database, boolean clock, Function<Wiring, Map<String, String>> variables) {
		this.module = module;
		this.database = database;
		this.clock = clock;
		this.variables = variables;
	}

	public String module() {
		return module;
	}

	String database() {
		return database;
	}

	/** A connection to the database this service owns, on the devstack listening on {@code ports}, as the service connects. */
	public Connection openDatabase(Ports ports) throws SQLException {
		if (database == null) {
			throw new IllegalStateException(module + " has no database");
		}
		return DriverManager.getConnection(ports.jdbcUrl(database), Postgres.USER, Postgres.PASSWORD);
	}

	/**
	 * The variable naming the directory where an instance keeps local state (analytics-service's state stores), each
	 * instance its own; null for the services whose state is all in their database.
	 */
	String stateDirectoryVariable() {
		return this == ANALYTICS ? "ANALYTICS_STATE_DIR" : null;
	}

	/** Each service's jar as spring-boot-maven-plugin repackages it. */
	Path jar(Path repoRoot, String version) {
		return repoRoot.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
	}

	URI readiness(Ports ports) {
		return ports.managementUrl(this).resolve("/actuator/health/readiness");
	}

	/** The module name without "-service": what --only and --skip accept besides the full name. */
	public String shortName() {
		return module.replaceFirst("-service$", "");
	}

	/** The gateway has no business clock; the other services share one that devstack can move. */
	public boolean hasClock() {
		return clock;
	}

	/** The environment the service's first (or only) instance reads its wiring from. */
	Map<String, String> environment(DemoIdentity identity, Duration clockOffset, Ports ports) {
		return environment(identity, clockOffset, ports, ports.instance(this, 1));
	}

	/**
	 * The environment an instance reads its wiring from; each service's application.yml has local defaults. Only its
	 * own ports tell instances apart: every other address is an application's ({@link Ports#url}), which with
	 * replicas is devstack's balancer in front of that application's instances.
	 */
	Map<String, String> environment(DemoIdentity identity, Duration clockOffset, Ports ports, Instance instance) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SERVER_PORT", Integer.toString(instance.port()));
		environment.put("MANAGEMENT_PORT", Integer.toString(instance.managementPort()));
		environment.put("KAFKA_BOOTSTRAP", ports.kafkaBootstrap());
		if (database != null) {
			environment.put("DATABASE_URL", ports.jdbcUrl(database));
			environment.put("DATABASE_USERNAME", Postgres.USER);
			environment.put("DATABASE_PASSWORD", Postgres.PASSWORD);
		}
		environment.put("RAPPORT_JWT_ISSUER", DemoIdentity.ISSUER);
		environment.put("RAPPORT_JWT_AUDIENCE", DemoIdentity.AUDIENCE);
		environment.put("TRACING_SAMPLING_PROBABILITY", "1.0"); // locally every request is traced, not a tenth
		if (clock) {
			// Dev only: /actuator/clock lets `devstack clock` move time; the offset survives a restart.
			environment.put("RAPPORT_DEV_CLOCK_SHIFT_ENABLED", "true");
			environment.put("RAPPORT_CLOCK_OFFSET", clockOffset.toString());
		}
		environment.putAll(variables.apply(new Wiring(identity, ports)));
		return environment;
	}

	/** Services trust what the gateway signs, as in any deployment: its JWKS, fetched when first needed. */
	private static Map<String, String> trustsTheGateway(Wiring wiring) {
		return Map.of("RAPPORT_JWT_JWKS_URI", wiring.ports().gatewayUrl().resolve("/.well-known/jwks.json").toString());
	}

	private static Map<String, String> signsForTheOthers(Wiring wiring) {
		DemoIdentity identity = wiring.identity();
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("RAPPORT_BOOTSTRAP_TEAM_ID", identity.teamId().toString());
		variables.put("RAPPORT_BOOTSTRAP_TEAM_NAME", "Demo team");
		variables.put("RAPPORT_BOOTSTRAP_ADMIN_ID", identity.userId().toString());
		variables.put("RAPPORT_BOOTSTRAP_ADMIN_EMAIL", DemoIdentity.ADMIN_EMAIL);
		variables.put("RAPPORT_BOOTSTRAP_ADMIN_PASSWORD", identity.adminPassword());
		variables.put("RAPPORT_GATEWAY_INITIAL_KEY", "file:" + identity.privateKeyPem().toAbsolutePath());
		variables.put("RAPPORT_GATEWAY_INITIAL_KEY_ID", DemoIdentity.KEY_ID);
		if (identity.keyEncryptionKey() != null) {
			variables.put("RAPPORT_KEY_ENCRYPTION_KEY", identity.keyEncryptionKey());
		}
		for (Service upstream : List.of(CONTACTS, INTERACTIONS, REMINDERS, ANALYTICS)) {
			variables.put(upstream.shortName().toUpperCase() + "_URI", wiring.ports().url(upstream).toString());
		}
		if (wiring.ports().replicas() > 1) {
			// Several gateways: a browser's session must be found by whichever one its next request reaches, and a
			// caller's rate limit is one budget across them. A single gateway keeps both in its memory, the
			// gateway's default, which the shared system tests run on.
			variables.put("RAPPORT_REDIS_URL", wiring.ports().redisUrl());
		}
		return variables;
	}

	private static Map<String, String> with(Map<String, String> variables, String name, String value) {
		Map<String, String> all = new LinkedHashMap<>(variables);
		all.put(name, value);
		return all;
	}

	/** Applies {@code --only} (if given) then {@code --skip}; names may be full or short ("contacts"). */
	public static List<Service> select(List<String> only, List<String> skip) {
		List<String> unknown = new ArrayList<>();
		for (String name : concat(only, skip)) {
			if (ALL.stream().noneMatch(service -> service.isCalled(name))) {
				unknown.add(name);
			}
		}
		if (!unknown.isEmpty()) {
			throw new UsageException("Unknown service(s) " + unknown + "; devstack knows "
					+ ALL.stream().map(Service::module).toList());
		}
		return ALL.stream()
			.filter(service -> only.isEmpty() || only.stream().anyMatch(service::isCalled))
			.filter(service -> skip.stream().noneMatch(service::isCalled))
			.toList();
	}

	/** The service of that full or short name. */
	public static Service named(String name) {
		return ALL.stream()
			.filter(service -> service.isCalled(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No service " + name));
	}

	private boolean isCalled(String name) {
		return module.equals(name) || shortName().equals(name);
	}

	/** What a service's own variables are made of. */
	private record Wiring(DemoIdentity identity, Ports ports) {
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

}
