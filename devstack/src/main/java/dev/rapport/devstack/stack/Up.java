package dev.rapport.devstack.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code devstack up}: starts Kafka, PostgreSQL and the services, waits until each is ready, stops all on exit. With
 * {@code --replicas N} ({@link Ports#replicas}) each application runs N times behind a {@link Balancer}, and the
 * gateways share a {@link Redis}.
 */
public final class Up {

	static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(60);

	static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

	static final Duration STOP_GRACE = Duration.ofSeconds(20);

	static final Duration POLL_INTERVAL = Duration.ofMillis(250);

	/**
	 * Small heaps that start small (the JVM's default initial heap, 1/64 of RAM, would be touched and kept); full JIT,
	 * so what is measured against devstack is representative. RAPPORT_SERVICE_JAVA_OPTS adds to these (later wins):
	 * {@code -XX:TieredStopAtLevel=1} halves startup CPU and saves ~30 MB per service, at a cost in peak throughput.
	 */
	static final List<String> DEFAULT_SERVICE_JAVA_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx384m",
			"-XX:+ExitOnOutOfMemoryError");

	/** Devstack's own settings, not passed on to the services. */
	private static final List<String> DEVSTACK_VARIABLES = List.of(DataDir.ENVIRONMENT_VARIABLE,
			"RAPPORT_SERVICE_JAVA_OPTS", "RAPPORT_KAFKA_JAVA_OPTS");

	private final DataDir dataDir;

	private final Ports ports;

	private final Function<Service, Path> jars;

	private final Map<String, String> environment;

	private final PrintStream out;

	/** PostgreSQL acknowledges a commit only once it is on disk, unless {@code up --no-fsync} (benchmarks) said not to. */
	private boolean durable = true;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final Map<Instance, ChildProcess> services = new ConcurrentHashMap<>();

	private final List<Balancer> balancers = new CopyOnWriteArrayList<>();

	private volatile ChildProcess redis;

	/**
	 * Start steps hold the read lock (several may run at once), {@link #stop()} the write lock: a stop waits for the
	 * steps under way, so a Ctrl-C during startup cannot leave a just-started process behind.
	 */
	private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();

	private volatile ChildProcess kafka;

	private volatile KafkaBroker broker;

	private volatile Postgres postgres;

	private volatile MailCatcher mail;

	private volatile Reaper reaper;

	/** Read without the lock by exit callbacks, which must never block. */
	private volatile boolean stopping;

	/**
	 * @param jars where each service's jar is: {@link #serviceJars} for the command line, the jars Maven resolved
	 * for the system tests
	 * @param environment the caller's: devstack's settings and the {@code RAPPORT_*} variables passed to services
	 */
	public Up(DataDir dataDir, Ports ports, Function<Service, Path> jars, Map<String, String> environment,
			PrintStream out) {
		this.dataDir = dataDir;
		this.ports = ports;
		this.jars = jars;
		this.environment = environment;
		this.out = out;
	}

	/** For benchmarks ({@code up --no-fsync}): faster commits, at the risk of losing them to a power cut. */
	public Up withoutFsync() {
		durable = false;
		return this;
	}

	/** Each service's jar where the build leaves it, {@code <module>/target/<module>-<version>.jar}. */
	public static Function<Service, Path> serviceJars(Path repoRoot, String version) {
		return service -> service.jar(repoRoot, version);
	}

	/** Returns the exit code when startup fails; once everything is up it returns only when the JVM stops. */
	public int run(boolean fresh, List<Service> selected) throws InterruptedException {
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "devstack-stop"));
		int failed = start(fresh, selected);
		if (failed != 0) {
			return failed;
		}
		reportUnexpectedExits();
		new CountDownLatch(1).await();
		return 0;
	}

	/**
	 * Starts everything and returns once every service is ready (0), or stops what it started and returns the exit
	 * code. The caller stops it with {@link #stop()}: Ctrl-C for {@code up}, the test itself for system tests.
	 */
	int start(boolean fresh, List<Service> selected) {
		long started = System.nanoTime();
		List<String> problems = new ArrayList<>(missingJars(selected));
		problems.addAll(busyPorts(selected));
		if (!problems.isEmpty()) {
			problems.forEach(problem -> out.println("devstack: " + problem));
			return 1;
		}
		if (fresh) {
			dataDir.delete();
			out.println("Deleted " + dataDir.root() + " (--fresh)");
		}
		writePidFile();
		ports.save(dataDir);
		out.println("Data in " + dataDir.root() + "; logs in " + dataDir.root().resolve("logs"));
		try {
			whileRunning(() -> reaper = Reaper.start(dataDir.root().resolve("children.pids"),
					ProcessHandle.current().pid(), dataDir.newLog("reaper")));
			startInfrastructure();
			if (ports.replicas() > 1) {
				startRedisAndBalancers(selected);
			}
			DemoIdentity identity = DemoIdentity.loadOrCreate(dataDir);
			startServices(selected, identity);
			String accessToken = selected.stream().anyMatch(service -> service.module().equals("gateway"))
					? adminAccessToken(identity) : null;
			out.print(Summary.render(rows(), balancers, Duration.ofNanos(System.nanoTime() - started), dataDir.root(),
					ports, identity, accessToken, identity.demoToken(Clock.systemUTC()), mail.url()));
			out.flush();
			return 0;
		}
		catch (RuntimeException ex) {
			if (stopping) {
				// Ctrl-C during startup: the stop under way explains whatever failed here.
				return 130;
			}
			report(ex);
			stop();
			return 1;
		}
	}

	/**
	 * The admin's personal access token for the printed curl examples: the one an earlier run created while it still
	 * works, else a new one, made the way a person would (sign in, create a token).
	 */
	private String adminAccessToken(DemoIdentity identity) {
		URI gateway = ports.gatewayUrl();
		return DemoIdentity.savedAccessToken(dataDir)
			.filter(token -> GatewayClient.accepts(gateway, token))
			.orElseGet(() -> {
				String token = GatewayClient.signIn(gateway, DemoIdentity.ADMIN_EMAIL, identity.adminPassword())
					.createAccessToken("devstack");
				DemoIdentity.saveAccessToken(dataDir, token);
				return token;
			});
	}

	private void report(RuntimeException ex) {
		if (ex instanceof ChildExitedException exited) {
			out.println("\ndevstack: " + ex.getMessage() + ". Last lines of " + exited.child().log() + ":");
			exited.child().lastLogLines(40).forEach(line -> out.println("  | " + line));
		}
		else {
			out.println("\ndevstack: " + ex.getMessage());
			if (ex.getCause() != null) {
				out.println("  caused by " + ex.getCause());
			}
		}
	}

	private void startInfrastructure() {
		long started = System.nanoTime();
		broker = new KafkaBroker(dataDir.kafka(), ports, dataDir.newLog("kafka"));
		// Kafka formats its storage (first run) and boots in its child JVM while PostgreSQL starts here.
		CompletableFuture<Void> kafkaStarting = CompletableFuture.runAsync(this::launchBroker);

		List<String> databases = Service.ALL.stream().map(Service::database).filter(Objects::nonNull).toList();
		List<String> created = new ArrayList<>();
		whileRunning(() -> {
			postgres = Postgres.start(dataDir.postgres(), ports.postgres(), durable, dataDir.newLog("postgres"));
			// SIGINT: PostgreSQL's fast shutdown (its own processes end with the postmaster).
			postgres.pid().ifPresent(pid -> reaper.watch("INT", pid));
			created.addAll(postgres.createMissingDatabases(databases));
		});
		out.printf("  postgresql  %s:%d ready in %.1f s; databases %s%s; %s%n", Ports.HOST, ports.postgres(),
				seconds(started), databases, created.isEmpty() ? " kept" : ", created " + created,
				durable ? "durable (fsync on)" : "NOT durable (--no-fsync: a crash may lose acknowledged writes)");

		try {
			kafkaStarting.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
		broker.awaitReady(KAFKA_TIMEOUT);
		List<String> topics = broker.createMissingTopics();
		out.printf("  kafka       %s ready in %.1f s; %s%n", ports.kafkaBootstrap(), seconds(started),
				topics.isEmpty() ? "topics kept" : "created " + topics.size() + " topics");
		whileRunning(() -> mail = MailCatcher.start());
		try {
			Files.writeString(dataDir.mailPage(), mail.url() + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not note the mail page's address in " + dataDir.mailPage(), ex);
		}
		out.printf("  mail        smtp %s:%d; what it received: %s%n", Ports.HOST, mail.smtpPort(), mail.url());
	}

	/**
	 * Redis for the gateways, then a balancer on each application's port in front of its instances. The balancers
	 * listen before any instance is up: a connection meanwhile finds every instance refusing and is closed.
	 */
	private void startRedisAndBalancers(List<Service> selected) {
		long started = System.nanoTime();
		Redis server = new Redis(dataDir.root().resolve("redis"), ports.redis());
		whileRunning(() -> {
			redis = server.start(dataDir.newLog("redis"));
			reaper.watch("TERM", redis.pid());
		});
		server.awaitReady(redis, KAFKA_TIMEOUT);
		out.printf("  redis       %s ready in %.1f s; the gateways' sessions and rate limits%n", ports.redisUrl(),
				seconds(started));
		for (Service service : selected) {
			whileRunning(() -> balancers.add(Balancer.start(service.module(), ports.of(service),
					ports.instances(service).stream().map(Instance::port).toList())));
		}
		out.printf("  balancers   %s%n", String.join("; ", balancers.stream()
			.map(balancer -> balancer.name() + " :" + balancer.port() + " -> " + balancer.instancePorts())
			.toList()));
	}

	private void launchBroker() {
		whileRunning(() -> {
			kafka = broker.start(javaOptions("RAPPORT_KAFKA_JAVA_OPTS", KafkaBroker.DEFAULT_JAVA_OPTIONS));
			reaper.watch("TERM", kafka.pid());
		});
	}

	/** Stops the broker alone, as an outage would (system tests); {@link #startBroker()} brings it back. */
	void stopBroker() {
		ChildProcess.stopAll(List.of(kafka), STOP_GRACE, out);
	}

	/** Starts the broker again on its data and waits until it answers. */
	void startBroker() {
		launchBroker();
		broker.awaitReady(KAFKA_TIMEOUT);
		out.println("  kafka       " + ports.kafkaBootstrap() + " started again");
	}

	/**
	 * Starts the services one after another, each once the one before is ready: on two cores, JVMs booting side by
	 * side slow each other down so much that starting them all at once is no faster and costs more CPU.
	 */
	private void startServices(List<Service> selected, DemoIdentity identity) {
		List<String> javaOptions = javaOptions("RAPPORT_SERVICE_JAVA_OPTS", DEFAULT_SERVICE_JAVA_OPTIONS);
		out.println("  services    " + String.join(" ", javaOptions) + " (RAPPORT_SERVICE_JAVA_OPTS adds more)");
		Duration clockOffset = ClockOffset.saved(dataDir);
		if (!clockOffset.isZero()) {
			out.println("  clock       " + ClockOffset.describe(clockOffset)
					+ " (devstack clock; up --fresh resets it)");
		}
		for (Service service : selected) {
			for (Instance instance : ports.instances(service)) {
				long started = System.nanoTime();
				// Each instance gets the whole timeout: on a busy machine the four together take longer than one.
				long deadline = started + READY_TIMEOUT.toNanos();
				launch(instance, identity, clockOffset, javaOptions, dataDir.newLog(instance.name()));
				awaitReady(instance, services.get(instance), deadline);
				out.printf("  %-22s %s ready in %.1f s%n", instance.name(), instance.url(), seconds(started));
			}
		}
	}

	private void launch(Instance instance, DemoIdentity identity, Duration clockOffset, List<String> javaOptions,
			Path log) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(javaOptions);
		command.add("-jar");
		command.add(copyOfJar(instance.service()).toString());
		whileRunning(() -> {
			ChildProcess child = ChildProcess.start(instance.name(), command,
					serviceEnvironment(instance, identity, clockOffset), log);
			services.put(instance, child);
			reaper.watch("TERM", child.pid());
		});
	}

	/** Kills a service's first (or only) instance at once: {@link #killInstance}. */
	void killService(Service service) {
		killInstance(ports.instance(service, 1));
	}

	/**
	 * Kills an instance at once (SIGKILL: no shutdown hook, no orderly close), as a crash would (system tests). With
	 * replicas its balancer sends new connections to the others from then on.
	 */
	void killInstance(Instance instance) {
		ChildProcess child = services.get(instance);
		child.process().destroyForcibly();
		child.onExit().join();
		out.printf("  killed  %-22s pid %-7d (SIGKILL)%n", instance.name(), child.pid());
	}

	/** Starts a service's first (or only) instance again: {@link #restartInstance}. */
	void restartService(Service service) {
		restartInstance(ports.instance(service, 1));
	}

	/** Starts an instance again (after {@link #killInstance}) and waits until it is ready; its log is appended to. */
	void restartInstance(Instance instance) {
		long started = System.nanoTime();
		launch(instance, DemoIdentity.load(dataDir).orElseThrow(), ClockOffset.saved(dataDir),
				javaOptions("RAPPORT_SERVICE_JAVA_OPTS", DEFAULT_SERVICE_JAVA_OPTIONS), dataDir.log(instance.name()));
		awaitReady(instance, services.get(instance), System.nanoTime() + READY_TIMEOUT.toNanos());
		out.printf("  %-22s %s ready again in %.1f s%n", instance.name(), instance.url(), seconds(started));
	}

	/**
	 * The caller's {@code RAPPORT_*} settings (a rate limit, a timeout) and the service's own ({@code REMINDERS_*} for
	 * reminders-service), then devstack's wiring, which wins: nothing else of the caller's shell reaches a service.
	 */
	private Map<String, String> serviceEnvironment(Instance instance, DemoIdentity identity, Duration clockOffset) {
		Map<String, String> settings = new LinkedHashMap<>();
		environment.forEach((name, value) -> {
			// A service's own settings too (REMINDERS_SCHEDULER_INTERVAL); its wiring below wins over the caller's.
			boolean own = name.startsWith(instance.service().shortName().toUpperCase() + "_");
			if ((name.startsWith("RAPPORT_") || own) && !DEVSTACK_VARIABLES.contains(name)) {
				settings.put(name, value);
			}
		});
		settings.putAll(instance.service().environment(identity, clockOffset, ports, instance));
		if (instance.service() == Service.REMINDERS) {
			// The digest goes to devstack's own SMTP server; its links lead back through the gateway.
			settings.put("RAPPORT_SMTP_HOST", Ports.HOST);
			settings.put("RAPPORT_SMTP_PORT", Integer.toString(mail.smtpPort()));
			settings.put("RAPPORT_DIGEST_LINK_SECRET", DemoIdentity.digestLinkSecret(dataDir));
			settings.put("RAPPORT_PUBLIC_URL", ports.gatewayUrl().toString());
			// Webhooks to a receiver on this machine (a local ntfy, a request bin): devstack is the one place they
			// may reach loopback and private addresses.
			settings.put("RAPPORT_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
		}
		String stateDirectory = instance.service().stateDirectoryVariable();
		if (stateDirectory != null) {
			settings.put(stateDirectory, dataDir.state(instance).toString());
		}
		return settings;
	}

	/**
	 * Services run a copy of their jar: a build (devstack/run's own, or one in another terminal) rewrites
	 * target/*.jar in place, and a service whose jar changes under it fails at its next class load.
	 */
	private Path copyOfJar(Service service) {
		Path copy = dataDir.jar(service);
		try {
			Files.createDirectories(copy.getParent());
			Files.copy(jars.apply(service), copy, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not copy " + service.module() + "'s jar to " + copy, ex);
		}
		return copy;
	}

	/** Polls the instance's readiness endpoint until it answers UP; fails as soon as it (or Kafka) exits. */
	private void awaitReady(Instance instance, ChildProcess child, long deadline) {
		while (!isReady(instance)) {
			if (!child.isAlive()) {
				throw new ChildExitedException(child);
			}
			if (!kafka.isAlive()) {
				throw new ChildExitedException(kafka);
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(instance.name() + " not ready after " + READY_TIMEOUT.toSeconds()
						+ " s: it is still starting (see " + child.log() + ")");
			}
			sleep(POLL_INTERVAL);
		}
	}

	private boolean isReady(Instance instance) {
		try {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(instance.readiness()).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && response.body().contains("\"UP\"");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + instance.name(), ex);
		}
	}

	private List<Summary.Row> rows() {
		List<Summary.Row> rows = new ArrayList<>();
		for (Instance instance : startOrder()) {
			ChildProcess child = services.get(instance);
			rows.add(new Summary.Row(instance.name(), instance.url() + " (management :" + instance.managementPort() + ")",
					child.pid(), Memory.rssKib(child.pid()), "RSS"));
		}
		if (redis != null) {
			rows.add(new Summary.Row("redis", ports.redisUrl(), redis.pid(), Memory.rssKib(redis.pid()), "RSS"));
		}
		rows.add(new Summary.Row("kafka", ports.kafkaBootstrap(), kafka.pid(), Memory.rssKib(kafka.pid()), "RSS"));
		long postmaster = postgres.pid().orElse(-1);
		rows.add(new Summary.Row("postgresql", Ports.HOST + ":" + ports.postgres(), postmaster,
				Memory.treePssKib(postmaster), "PSS of " + Memory.treeSize(postmaster) + " processes"));
		long self = ProcessHandle.current().pid();
		rows.add(new Summary.Row(balancers.isEmpty() ? "devstack (this JVM)" : "devstack (+ balancers)", "", self,
				Memory.rssKib(self), "RSS"));
		return rows;
	}

	/** The instances started, in the order they started (the map itself has none). */
	private List<Instance> startOrder() {
		return Service.ALL.stream()
			.flatMap(service -> ports.instances(service).stream())
			.filter(services::containsKey)
			.toList();
	}

	/** After startup a crash does not take the others down, but it is said out loud. */
	private void reportUnexpectedExits() {
		List<ChildProcess> children = new ArrayList<>(services.values());
		children.add(kafka);
		if (redis != null) {
			children.add(redis);
		}
		for (ChildProcess child : children) {
			child.onExit().thenRun(() -> {
				if (stopping) {
					return;
				}
				out.println("\ndevstack: " + child.name() + " exited with code " + child.exitCode()
						+ ". Last lines of " + child.log() + ":");
				child.lastLogLines(20).forEach(line -> out.println("  | " + line));
			});
		}
	}

	/**
	 * Stops everything started so far, in order: the services (which would otherwise wait on Kafka while closing),
	 * then Kafka, then PostgreSQL. Runs from the shutdown hook (Ctrl-C, SIGTERM) or after a failed start.
	 */
	void stop() {
		lifecycle.writeLock().lock();
		try {
			if (!stopping) {
				stopping = true;
				stopEverything();
			}
		}
		finally {
			lifecycle.writeLock().unlock();
		}
	}

	private void stopEverything() {
		out.println("\nStopping devstack...");
		ChildProcess.stopAll(startOrder().stream().map(services::get).toList(), STOP_GRACE, out);
		for (Balancer balancer : balancers) {
			balancer.close();
			out.printf("  stopped %-22s (balancer: %s)%n", balancer.name() + " :" + balancer.port(), balancer.counts());
		}
		if (redis != null) {
			ChildProcess.stopAll(List.of(redis), STOP_GRACE, out);
		}
		if (kafka != null) {
			ChildProcess.stopAll(List.of(kafka), STOP_GRACE, out);
		}
		if (mail != null) {
			mail.close();
		}
		if (postgres != null) {
			OptionalLong pid = postgres.pid();
			postgres.close();
			out.printf("  stopped %-22s pid %-7s (pg_ctl stop -m fast)%n", "postgresql",
					pid.isPresent() ? Long.toString(pid.getAsLong()) : "?");
		}
		if (reaper != null) {
			reaper.close();
		}
		try {
			Files.deleteIfExists(pidFile());
		}
		catch (IOException ex) {
			// Harmless: the next start reads a pid that is no longer running.
		}
		out.println("Devstack stopped.");
		out.flush();
	}

	/** Runs one start step, which records what it started, unless a stop has begun. */
	private void whileRunning(Runnable step) {
		lifecycle.readLock().lock();
		try {
			if (stopping) {
				throw new IllegalStateException("Stopped during startup");
			}
			step.run();
		}
		finally {
			lifecycle.readLock().unlock();
		}
	}

	private List<String> missingJars(List<Service> selected) {
		List<String> problems = new ArrayList<>();
		for (Service service : selected) {
			Path jar = jars.apply(service);
			if (!Files.isRegularFile(jar)) {
				problems.add("no jar for " + service.module() + " at " + jar
						+ ". Build it with ./mvnw -q -DskipTests package -pl " + service.module()
						+ " -am (or run ./devstack/run without --no-build), or leave it out: up --skip " + service.shortName());
			}
		}
		return problems;
	}

	private List<String> busyPorts(List<Service> selected) {
		List<String> busy = ports.named(selected)
			.entrySet()
			.stream()
			.filter(port -> !isFree(port.getKey()))
			.map(port -> port.getKey() + " (" + port.getValue() + ")")
			.toList();
		return busy.isEmpty() ? List.of()
				: List.of("port" + (busy.size() > 1 ? "s " : " ") + String.join(", ", busy) + " already in use"
						+ otherDevstack() + ". Another devstack beside it needs ports and a data dir of its own: "
						+ "RAPPORT_DEVSTACK_DIR=.devstack-2 ./devstack/run up --ports free");
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private String otherDevstack() {
		try {
			long pid = Long.parseLong(Files.readString(pidFile()).strip());
			if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
				return ": devstack pid " + pid + " is still running (kill -INT " + pid + " stops it)";
			}
		}
		catch (IOException | NumberFormatException ex) {
			// No pid file: say what is most likely.
		}
		return ": probably another devstack or a service started by hand (ss -ltnp shows which)";
	}

	private Path pidFile() {
		return dataDir.root().resolve("devstack.pid");
	}

	private void writePidFile() {
		try {
			Files.createDirectories(dataDir.root());
			Files.writeString(pidFile(), ProcessHandle.current().pid() + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private List<String> javaOptions(String variable, List<String> defaults) {
		return javaOptions(defaults, environment.getOrDefault(variable, ""));
	}

	/**
	 * The defaults followed by the extra options (the JVM takes the last of repeated options), except that an extra
	 * collector choice replaces the default one: the JVM refuses to start with two.
	 */
	static List<String> javaOptions(List<String> defaults, String extra) {
		Predicate<String> collector = Pattern.compile("-XX:\\+Use\\w+GC").asMatchPredicate();
		List<String> extras = extra.isBlank() ? List.of() : List.of(extra.strip().split("\\s+"));
		List<String> options = new ArrayList<>(defaults);
		if (extras.stream().anyMatch(collector)) {
			options.removeIf(collector);
		}
		options.addAll(extras);
		return options;
	}

	private static double seconds(long sinceNanos) {
		return (System.nanoTime() - sinceNanos) / 1e9;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
