package dev.rapport.devstack.stack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/** The text devstack prints once everything is ready: where each process is, what it costs, how to use it. */
final class Summary {

	/** One process in the table; {@code memory} says how {@code memoryKib} was measured. */
	record Row(String name, String address, long pid, OptionalLong memoryKib, String memory) {
	}

	private Summary() {
	}

	static String render(List<Row> rows, List<Balancer> balancers, Duration startTime, Path dataDir, Ports ports,
			DemoIdentity identity, String accessToken, String toolingToken, URI mailPage) {
		String gateway = "localhost:" + ports.gateway();
		StringBuilder text = new StringBuilder();
		text.append("%nRapport devstack is up (%.1f s).%n%n".formatted(startTime.toMillis() / 1000.0));
		String format = "  %-22s %-46s %-8s %s%n";
		text.append(format.formatted("PROCESS", "ADDRESS", "PID", "MEMORY"));
		long total = 0;
		for (Row row : rows) {
			text.append(format.formatted(row.name(), row.address(), row.pid(),
					Memory.format(row.memoryKib()) + (row.memory().isEmpty() ? "" : " (" + row.memory() + ")")));
			total += row.memoryKib().orElse(0);
		}
		text.append(format.formatted("total", "", "", Memory.format(total)));
		if (!balancers.isEmpty()) {
			text.append("%n  %d instances of each application; each one's address is devstack's balancer in front of them%n"
				.formatted(ports.replicas()));
			text.append("  (round robin per connection, past an instance that refuses; in this JVM):%n".formatted());
			for (Balancer balancer : balancers) {
				text.append("    %-22s %s:%d -> %s%n".formatted(balancer.name(), Ports.HOST, balancer.port(),
						String.join(", ", balancer.instancePorts().stream().map(port -> ":" + port).toList())));
			}
			text.append("  The gateways share sessions and rate limits through Redis at %s.%n".formatted(ports.redisUrl()));
		}
		text.append("""

				  Kafka       %s  (topics: rapport.*.v1 and their .dlt, 3 partitions each)
				  PostgreSQL  %s  user %s, password %s
				  Data        %s  (kept between runs; up --fresh starts over)
				  Logs        %s
				  Metrics     %s/actuator/prometheus  (each application's management port, in the table;
				              the gateway's public port does not answer /actuator)
				  Mail        %s  (what Rapport sent, e.g. the digests; nothing leaves this machine)

				  Open Rapport in a browser: http://%s/
				  and sign in as %s, password %s
				  (the first admin of team %s; they may add members and create teams).
				""".formatted(ports.kafkaBootstrap(), ports.jdbcUrl("{contacts,interactions,reminders,gateway}"),
				Postgres.USER, Postgres.PASSWORD, dataDir, dataDir.resolve("logs").resolve("<process>.log"),
				ports.managementUrl(Service.GATEWAY), mailPage, gateway,
				DemoIdentity.ADMIN_EMAIL, identity.adminPassword(), identity.teamId()));
		if (accessToken != null) {
			text.append("""

					  The admin's personal access token, for API calls through the gateway:

					export TOKEN=%s

					  curl -s -H "Authorization: Bearer $TOKEN" %2$s/api/me
					  curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
					       -d '{"displayName":"Ada Lovelace"}' %2$s/api/contacts
					  curl -s -H "Authorization: Bearer $TOKEN" %2$s/api/contacts
					""".formatted(accessToken, gateway));
		}
		text.append("""

				  Services answer only tokens the gateway signed: straight to a service port, use a tooling token
				  (valid 12 hours, for the demo admin): export SERVICE_TOKEN=%s

				  Watch events:   ./devstack/run --no-build tail --all   (or: tail rapport.contacts.v1 --from-beginning)
				  Move the clock: ./devstack/run --no-build clock 15d

				Ctrl-C stops everything.
				""".formatted(toolingToken));
		return text.toString();
	}

}
