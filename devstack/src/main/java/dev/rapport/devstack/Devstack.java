package dev.rapport.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import dev.rapport.devstack.bench.AnalyticsThroughput;
import dev.rapport.devstack.bench.ContactSeed;
import dev.rapport.devstack.bench.GatewayOverhead;
import dev.rapport.devstack.bench.PipelineLoad;
import dev.rapport.devstack.stack.DataDir;
import dev.rapport.devstack.stack.DemoIdentity;
import dev.rapport.devstack.stack.Ports;
import dev.rapport.devstack.stack.Service;
import dev.rapport.devstack.stack.Up;
import dev.rapport.devstack.stack.UsageException;
import dev.rapport.devstack.tools.DeadLetterReplay;
import dev.rapport.devstack.tools.DevClock;
import dev.rapport.devstack.tools.EventTail;
import dev.rapport.devstack.tools.OpenApiDocuments;
import dev.rapport.events.Topics;

/**
 * Devstack's command line: {@code up}, {@code tail}, {@code replay}, {@code token}, {@code clock}, {@code load},
 * {@code gateway-bench}, {@code analytics-bench}, {@code openapi}, {@code seed-contacts}, {@code help}.
 */
public final class Devstack {

	static final String HELP = """
			Runs Rapport locally without Docker: a Kafka broker, PostgreSQL and every service, plus a demo token.

			Usage: ./devstack/run [--no-build] [command] [options]
			  (--no-build skips the Maven build that otherwise runs first; it is handled by the script)

			Commands:
			  up [--fresh] [--ports default|free|N] [--replicas N] [--no-fsync] [--only a,b] [--skip a,b]
			      Start everything (the default command) and wait until each service is ready; Ctrl-C stops all.
			      --fresh   delete the data dir first (Kafka topics, databases, key and demo ids)
			      --ports   default (below), free (any free ports, printed) or a base port N: gateway N,
			                contacts N+1, interactions N+2, reminders N+3, PostgreSQL N+4, Kafka N+5 (+N+6).
			                The other commands use the ports the last 'up' with the same data dir used.
			      --replicas  N instances of every application (default 1), as a team deployment runs them:
			                each application's port above is then a round-robin balancer in front of its
			                instances, and the gateways share sessions and rate limits through a Redis. Ports
			                beyond those: Redis 6380, instance k's API 8080+100k.. (8180-8183, 8280-8283),
			                its management 9080+100(k-1).. (9080-9083, 9180-9183); from a base port N: Redis
			                N+11, instance 1's API N+12..N+15, then eight per further instance.
			      --no-fsync  for benchmarks only: PostgreSQL acknowledges commits before they are on disk;
			                faster, but a power cut or OS crash may lose acknowledged writes or corrupt .devstack/
			      --only    start only these services; --skip  leave these out
			                (names: contacts, interactions, reminders, gateway; "-service" may be added)
			  tail [topic...] [--all] [--from-beginning]
			      Print each record of a topic (default rapport.contacts.v1) as it arrives, until Ctrl-C.
			      --all     every rapport.* topic, dead-letter topics included
			  token [--user <uuid>] [--team <uuid>] [--roles a,b] [--ttl PT12H]
			      Print a fresh token signed with the devstack key: for the demo user and team unless told
			      otherwise (another --team shows team isolation). Needs one earlier 'up'.
			  replay <topic>.dlt
			      Send a dead-letter topic's records back to the topic they came from (same key and event headers),
			      once their cause is fixed. Remembers what it replayed; consumers apply each event once anyway.
			  clock [shift]
			      Show the services' clock, or move them all forward together (15d, 36h, 2d12h), to watch a
			      relationship cool without waiting; with replicas, every instance's. Dev only; kept across
			      restarts until up --fresh.
			  load [--contacts 100] [--interactions 2000] [--concurrency 8] [--probes 300] [--direct]
			      Measure the running stack: interactions written through the API until reminders-service counts
			      them (events/s end to end), then one at a time (latency p50/p99). Uses a team of its own.
			      --direct  call each service's port instead of the gateway
			  gateway-bench [--requests 2000] [--concurrency 8] [--rounds 5] [--warmup 10000]
			      What the gateway costs: an authenticated GET /api/contacts/{id} straight to contacts-service and
			      through the gateway, in alternating rounds after a warm-up of each; throughput, p50/p99, the
			      added latency and the CPU time each process spends per request.
			  analytics-bench [--facts 100000] [--teams 20]
			      What analytics-service keeps up with: conversation facts (a tenth sent again as updates) and
			      cooling/rewarm transitions for teams of its own, written straight to the analytics topics as
			      fast as a producer goes, until every team's GET /api/insights/weekly counts them all; records/s.
			  openapi [folder]
			      Write the OpenAPI documents of every service and of the gateway, as the running gateway serves
			      them, into the folder (default web/openapi, which the web app's typed client is generated from and
			      OpenApiDocumentsSystemTest compares with the live ones): contacts.json, interactions.json,
			      reminders.json, gateway.json; pretty-printed, keys sorted, without "servers".
			  seed-contacts [count]
			      For search benchmarks only, on a devstack you can throw away: inserts count (default 100000)
			      generated contacts for the demo team, owned by the admin and visible to the team, straight into
			      contacts-service's database with the generator of its SearchBenchmark (100,000 in seconds).
			      They bypass the outbox: no events, so the other services never hear of them. up --fresh
			      forgets them.
			  help
			      This text.

			Default ports: gateway 8080, contacts 8081, interactions 8082, reminders 8083, PostgreSQL 5433,
			Kafka 9092 (+9093). Data dir: .devstack/ at the repo root, or $RAPPORT_DEVSTACK_DIR; a second
			devstack beside the first needs a data dir and ports of its own.
			Extra JVM options: RAPPORT_SERVICE_JAVA_OPTS (services), RAPPORT_KAFKA_JAVA_OPTS (broker).
			Processes devstack starts see a clean environment: PATH, HOME, locale and temp dir, devstack's own
			wiring, your RAPPORT_* variables (a service setting such as RAPPORT_RATE_LIMIT_PER_SECOND) and a
			service's own (REMINDERS_SCHEDULER_INTERVAL reaches reminders-service).
			They stop with devstack, also when it is killed (a watcher ends them within seconds).
			""";

	private static final Set<String> VALUE_OPTIONS = Set.of("ports", "replicas", "only", "skip", "user", "team", "roles", "ttl", "contacts",
			"interactions", "concurrency", "probes", "requests", "rounds", "warmup", "facts", "teams");

	private Devstack() {
	}

	public static void main(String[] args) {
		System.exit(run(List.of(args), System.getenv(), Path.of("").toAbsolutePath(), System.out));
	}

	static int run(List<String> args, Map<String, String> environment, Path repoRoot, PrintStream out) {
		DataDir dataDir = DataDir.locate(environment, repoRoot);
		try {
			CommandLine line = CommandLine.parse(args, VALUE_OPTIONS);
			return switch (line.command()) {
				case "up" -> up(line.allow("fresh", "ports", "replicas", "no-fsync", "only", "skip"), environment, repoRoot,
						dataDir, out);
				case "tail" -> tail(line.allow("all", "from-beginning"), dataDir, out);
				case "token" -> token(line.allow("user", "team", "roles", "ttl"), dataDir, out);
				case "clock" -> clock(line.allow(), dataDir, out);
				case "replay" -> replay(line.allow(), dataDir, out);
				case "gateway-bench" -> gatewayBench(line.allow("requests", "concurrency", "rounds", "warmup"), dataDir,
						out);
				case "load" -> load(line.allow("contacts", "interactions", "concurrency", "probes", "direct"), dataDir,
						out);
				case "analytics-bench" -> analyticsBench(line.allow("facts", "teams"), dataDir, out);
				case "openapi" -> openApi(line.allow(), repoRoot, dataDir, out);
				case "seed-contacts" -> seedContacts(line.allow(), dataDir, out);
				case "help", "-h" -> {
					out.print(HELP);
					yield 0;
				}
				default -> throw new UsageException("Unknown command '" + line.command() + "'");
			};
		}
		catch (UsageException ex) {
			System.err.println("devstack: " + ex.getMessage() + " (./devstack/run help lists the commands)");
			return 2;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 130;
		}
		catch (RuntimeException ex) {
			System.err.println("devstack: " + ex.getMessage());
			return 1;
		}
	}

	private static int up(CommandLine line, Map<String, String> environment, Path repoRoot, DataDir dataDir,
			PrintStream out) throws InterruptedException {
		if (!line.arguments().isEmpty()) {
			throw new UsageException("'up' takes no arguments, got " + line.arguments());
		}
		List<Service> services = Service.select(line.list("only"), line.list("skip"));
		Ports ports = Ports.parse(line.option("ports").orElse("default"), count(line, "replicas", 1));
		Up up = new Up(dataDir, ports, Up.serviceJars(repoRoot, version()), environment, out);
		return (line.flag("no-fsync") ? up.withoutFsync() : up).run(line.flag("fresh"), services);
	}

	private static int tail(CommandLine line, DataDir dataDir, PrintStream out) {
		List<String> topics = line.arguments().isEmpty() ? List.of(Topics.CONTACTS) : line.arguments();
		new EventTail(Ports.load(dataDir).kafkaBootstrap(), out).run(topics, line.flag("all"),
				line.flag("from-beginning"));
		return 0;
	}

	private static int gatewayBench(CommandLine line, DataDir dataDir, PrintStream out) throws InterruptedException {
		try {
			new GatewayOverhead(Ports.load(dataDir), out).run(demoIdentity(dataDir), count(line, "requests", 2000),
					count(line, "concurrency", 8), count(line, "rounds", 5), count(line, "warmup", 10_000));
			return 0;
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	private static int replay(CommandLine line, DataDir dataDir, PrintStream out) {
		if (line.arguments().size() != 1) {
			throw new UsageException("'replay' takes one dead-letter topic, e.g. rapport.contacts.v1.dlt");
		}
		new DeadLetterReplay(Ports.load(dataDir).kafkaBootstrap(), out).run(line.arguments().getFirst());
		return 0;
	}

	private static int clock(CommandLine line, DataDir dataDir, PrintStream out) {
		if (line.arguments().size() > 1) {
			throw new UsageException("'clock' takes one shift such as 15d, got " + line.arguments());
		}
		Duration shift = line.arguments().isEmpty() ? Duration.ZERO : DevClock.parseShift(line.arguments().getFirst());
		return new DevClock(dataDir, demoIdentity(dataDir), out).run(shift);
	}

	private static int load(CommandLine line, DataDir dataDir, PrintStream out) throws InterruptedException {
		PipelineLoad load = new PipelineLoad(demoIdentity(dataDir), Ports.load(dataDir), line.flag("direct"), out);
		try {
			load.run(count(line, "contacts", 100), count(line, "interactions", 2000), count(line, "concurrency", 8),
					count(line, "probes", 300));
			return 0;
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	private static int analyticsBench(CommandLine line, DataDir dataDir, PrintStream out) throws InterruptedException {
		new AnalyticsThroughput(demoIdentity(dataDir), Ports.load(dataDir), out).run(count(line, "facts", 100_000),
				count(line, "teams", 20));
		return 0;
	}

	private static int openApi(CommandLine line, Path repoRoot, DataDir dataDir, PrintStream out) {
		if (line.arguments().size() > 1) {
			throw new UsageException("'openapi' takes one folder, e.g. web/openapi, got " + line.arguments());
		}
		Path folder = repoRoot.resolve(line.arguments().isEmpty() ? "web/openapi" : line.arguments().getFirst());
		return new OpenApiDocuments(Ports.load(dataDir).gatewayUrl()).write(folder, out);
	}

	private static int seedContacts(CommandLine line, DataDir dataDir, PrintStream out) {
		int count = ContactSeed.count(line.arguments());
		new ContactSeed(dataDir, Ports.load(dataDir), demoIdentity(dataDir), out).run(count);
		return 0;
	}

	private static int count(CommandLine line, String option, int defaultValue) {
		String value = line.option(option).orElse(Integer.toString(defaultValue));
		try {
			int count = Integer.parseInt(value);
			if (count > 0) {
				return count;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new UsageException("--" + option + " needs a positive whole number, got '" + value + "'");
	}

	private static DemoIdentity demoIdentity(DataDir dataDir) {
		return DemoIdentity.load(dataDir)
			.orElseThrow(() -> new IllegalStateException("No devstack key in " + dataDir.root()
					+ ": run ./devstack/run up once, it creates the key and the demo team and user."));
	}

	private static int token(CommandLine line, DataDir dataDir, PrintStream out) {
		DemoIdentity identity = demoIdentity(dataDir);
		UUID user = line.option("user").map(value -> uuid("user", value)).orElse(identity.userId());
		UUID team = line.option("team").map(value -> uuid("team", value)).orElse(identity.teamId());
		Set<String> roles = line.option("roles").isPresent() ? new HashSet<>(line.list("roles")) : DemoIdentity.DEMO_ROLES;
		Duration ttl = line.option("ttl").map(Devstack::duration).orElse(DemoIdentity.DEMO_TOKEN_TTL);
		out.println(identity.token(user, team, roles, ttl, Clock.systemUTC()));
		return 0;
	}

	private static UUID uuid(String option, String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException("--" + option + " needs a UUID, got '" + value + "'");
		}
	}

	private static Duration duration(String value) {
		try {
			return Duration.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new UsageException("--ttl needs an ISO-8601 duration such as PT12H or PT30M, got '" + value + "'");
		}
	}

	/** The project version the build wrote into devstack.properties: every service jar carries it. */
	static String version() {
		try (InputStream in = Devstack.class.getResourceAsStream("/devstack.properties")) {
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("version");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
