package dev.rapport.devstack.stack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import redis.embedded.RedisServer;
import tools.jackson.databind.json.JsonMapper;

import dev.rapport.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deployment files, checked without a Docker engine: {@code docker-compose config} (Debian's docker-compose
 * validates and resolves the file without one) and {@code kubectl kustomize} render them; then every application's
 * jar starts with exactly the environment compose gives its container (the image's own ENV included), host names
 * mapped to a PostgreSQL, Kafka broker and Redis of this test's own, the databases and roles made by compose's own
 * init script, and must become ready. A misspelled variable, a wrong database name or a missing secret fails here.
 * Kubernetes must give each application the same variables with the same values as compose (secrets aside).
 */
class DeploymentFilesSystemTest {

	private static final Path DOCKER_COMPOSE = Path.of("/usr/bin/docker-compose");

	private static final Path KUBECTL = Path.of("/usr/bin/kubectl");

	private static final Path PSQL = Path.of("/usr/bin/psql");

	/** The applications, in the order compose starts them (the gateway waits for the services to be healthy). */
	private static final List<Service> APPLICATIONS = List.of(Service.CONTACTS, Service.INTERACTIONS, Service.REMINDERS,
			Service.GATEWAY);

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static Path repository;

	private static Path work;

	private static Map<String, String> dotEnv;

	private static Map<String, Object> compose;

	@BeforeAll
	static void renderCompose() throws Exception {
		repository = RunningDevstack.repository();
		assertThat(DOCKER_COMPOSE).as("Debian's docker-compose: .ci/run installs it; by hand: apt-get install "
				+ "docker-compose").isExecutable();
		work = Files.createDirectories(Path.of("target", "deployment-files-system-test").toAbsolutePath());
		// .env as a team makes it: the committed example and the script that fills in fresh secrets.
		Path team = Files.createDirectories(work.resolve("team").resolve("deploy").resolve("compose")).getParent()
			.getParent();
		Files.deleteIfExists(team.resolve(".env"));
		Files.copy(repository.resolve(".env.example"), team.resolve(".env.example"),
				StandardCopyOption.REPLACE_EXISTING);
		Files.copy(repository.resolve("deploy/compose/init-env"), team.resolve("deploy/compose/init-env"),
				StandardCopyOption.REPLACE_EXISTING);
		run(List.of("bash", team.resolve("deploy/compose/init-env").toString()), team);
		dotEnv = readDotEnv(team.resolve(".env"));
		assertThat(dotEnv.get("RAPPORT_KEY_ENCRYPTION_KEY")).as("init-env wrote a key").isNotBlank();

		List<String> base = List.of(DOCKER_COMPOSE.toString(), "--project-directory", repository.toString(),
				"--env-file", team.resolve(".env").toString(), "-f", repository.resolve("docker-compose.yml").toString());
		List<String> everyProfile = new ArrayList<>(base);
		everyProfile.addAll(List.of("--profile", "replicas", "--profile", "tls", "--profile", "observability",
				"config", "-q"));
		run(everyProfile, repository);
		List<String> config = new ArrayList<>(base);
		config.add("config");
		compose = yaml().load(run(config, repository));
	}

	@Test
	void composeRefusesToStartWithoutTheSecrets() throws Exception {
		Path empty = Files.writeString(work.resolve("empty.env"), "");
		Process process = new ProcessBuilder(DOCKER_COMPOSE.toString(), "--project-directory", repository.toString(),
				"--env-file", empty.toString(), "-f", repository.resolve("docker-compose.yml").toString(), "config", "-q")
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isNotZero();
		assertThat(output).contains("set").contains("in .env");
	}

	@Test
	void composeCreatesEveryTopicWithItsDeadLetterTopic() {
		String command = String.join("\n", strings(service("kafka-topics").get("command")));
		for (String topic : Topics.ALL) {
			assertThat(command).as("kafka-topics creates %s (and %s.dlt)", topic, topic).contains(topic);
		}
		assertThat(command).contains("$topic.dlt").contains("--partitions 3");
		for (String topic : Topics.STATE) {
			assertThat(command).as("kafka-topics creates the state topic %s compacted", topic)
				.contains(topic)
				.contains("--config cleanup.policy=" + Topics.config(topic).get("cleanup.policy"))
				.contains("--config delete.retention.ms=" + Topics.config(topic).get("delete.retention.ms"))
				.contains("--config max.compaction.lag.ms=" + Topics.config(topic).get("max.compaction.lag.ms"));
		}
		for (String topic : Topics.EVERY_TOPIC) {
			if (Topics.config(topic).isEmpty()) {
				continue;
			}
			String creating = creationOf(command, topic);
			assertThat(creating).as("kafka-topics creates %s", topic).contains("kafka-topics.sh");
			Topics.config(topic).forEach((name, value) -> assertThat(creating)
				.as("kafka-topics creates %s with Topics.config", topic)
				.contains("--config " + name + "=" + value));
		}
		assertThat(command).contains(Topics.ANALYTICS_CONVERSATIONS).contains(Topics.ANALYTICS_RELATIONSHIPS);
	}

	/**
	 * The lines of a shell script that create {@code topic}: from the loop or command naming it to the end of the
	 * kafka-topics.sh invocation (its last continued line).
	 */
	private static String creationOf(String script, String topic) {
		List<String> lines = script.lines().toList();
		Pattern named = Pattern.compile("(^|[\\s\"])" + Pattern.quote(topic) + "([\\s\";]|$)");
		int first = 0;
		while (first < lines.size() && !named.matcher(lines.get(first)).find()) {
			first++;
		}
		while (first > 0 && first < lines.size() && lines.get(first).strip().startsWith("--")) {
			first--; // a continuation line: the command starts above
		}
		StringBuilder creating = new StringBuilder();
		boolean invoked = false;
		for (int i = first; i < lines.size(); i++) {
			creating.append(lines.get(i)).append('\n');
			invoked |= lines.get(i).contains("kafka-topics.sh");
			if (invoked && !lines.get(i).stripTrailing().endsWith("\\")) {
				break;
			}
		}
		return creating.toString();
	}

	@Test
	void kubernetesGivesEveryApplicationTheEnvironmentComposeGivesIt() throws Exception {
		for (String overlay : List.of("deploy/k8s/base", "deploy/k8s/overlays/production")) {
			List<Map<String, Object>> manifests = kustomize(overlay);
			Map<String, String> config = configMap(manifests, "rapport-config");
			for (Service application : APPLICATIONS) {
				Map<String, String> composeEnvironment = environment(service(application.module()));
				Map<String, String> kubernetes = new TreeMap<>();
				List<String> secrets = new ArrayList<>();
				for (Map<String, Object> variable : containerEnvironment(manifests, application.module())) {
					String name = (String) variable.get("name");
					Map<String, Object> from = map(variable.get("valueFrom"));
					if (variable.containsKey("value")) {
						kubernetes.put(name, String.valueOf(variable.get("value")));
					}
					else if (from.containsKey("configMapKeyRef")) {
						String key = (String) map(from.get("configMapKeyRef")).get("key");
						assertThat(config).as("%s: %s's %s", overlay, application.module(), name).containsKey(key);
						kubernetes.put(name, config.get(key));
					}
					else {
						assertThat(from).as("%s: %s's %s", overlay, application.module(), name)
							.containsKey("secretKeyRef");
						secrets.add(name);
						kubernetes.put(name, composeEnvironment.get(name));
					}
				}
				assertThat(kubernetes.keySet()).as("%s: %s's variables", overlay, application.module())
					.containsExactlyInAnyOrderElementsOf(composeEnvironment.keySet());
				assertThat(secrets).as("%s: every password and key comes from a Secret", overlay)
					.allMatch(name -> name.endsWith("PASSWORD") || name.endsWith("KEY") || name.endsWith("SECRET")
							|| name.endsWith("EMAIL") || name.endsWith("USERNAME"));
				if (overlay.endsWith("base")) {
					assertThat(kubernetes).as("the base's values are compose's defaults").isEqualTo(composeEnvironment);
				}
			}
		}
	}

	@Test
	void everyApplicationStartsWithTheEnvironmentComposeGivesIt() throws Exception {
		assertThat(PSQL).as("psql runs compose's init script here; by hand: apt-get install postgresql-client")
			.isExecutable();
		Ports ports = Ports.free();
		DataDir dataDir = new DataDir(work.resolve("stack"));
		dataDir.delete();
		Map<String, String> image = imageEnvironment();
		List<ChildProcess> started = new ArrayList<>();
		RedisServer redis = RedisServer.newRedisServer().bind("127.0.0.1").port(freePort())
			.setting("save \"\"").setting("appendonly no").build();
		Postgres postgres = null;
		try {
			postgres = Postgres.start(dataDir.postgres(), ports.postgres(), false, dataDir.newLog("postgres"));
			redis.start();
			KafkaBroker broker = new KafkaBroker(dataDir.kafka(), ports, dataDir.newLog("kafka"));
			started.add(broker.start(KafkaBroker.DEFAULT_JAVA_OPTIONS));
			initDatabases(ports);
			broker.awaitReady(Duration.ofSeconds(60));
			broker.createMissingTopics();

			Map<String, String> hosts = new LinkedHashMap<>();
			hosts.put("postgres:5432", Ports.HOST + ":" + ports.postgres());
			hosts.put("kafka:9092", ports.kafkaBootstrap());
			hosts.put("redis:6379", Ports.HOST + ":" + redis.ports().getFirst());
			for (Service application : APPLICATIONS) {
				hosts.put(application.module() + ":8080", Ports.HOST + ":" + ports.of(application));
			}
			Map<Service, ChildProcess> applications = new LinkedHashMap<>();
			for (Service application : APPLICATIONS) {
				ChildProcess child = startApplication(application, image, hosts, ports, dataDir);
				started.add(child);
				applications.put(application, child);
			}
			// The figure the README gives: what each application holds once ready (with devstack's heap options here).
			applications.forEach((application, child) -> System.out.printf("  %-22s ready, RSS %s%n",
					application.module(), Memory.format(Memory.rssKib(child.pid()))));
			// The first admin of .env signs in and works: the gateway's database role, the services' roles, their
			// migrations and the route to each service are all what compose set up.
			GatewayClient admin = GatewayClient.signIn(ports.gatewayUrl(), dotEnv.get("RAPPORT_BOOTSTRAP_ADMIN_EMAIL"),
					dotEnv.get("RAPPORT_BOOTSTRAP_ADMIN_PASSWORD"));
			String token = "Bearer " + admin.createAccessToken("deployment test");
			// As below: a 503 from a service still fetching the gateway's keys changed nothing, and is retried.
			HttpResponse<String> created = await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> SystemHttp.send(ports.gatewayUrl(), "POST", "/api/contacts", token,
						"{\"displayName\": \"Ada Lovelace\"}", "application/json"), answer -> answer.statusCode() != 503);
			assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
			String contact = "/api/contacts/" + JSON.readTree(created.body()).get("id").asString();

			// The README's backup, then a loss, then its restore (with the applications stopped, as it says).
			Path backup = work.resolve("backup");
			runScript("deploy/compose/backup", backup.toString(), ports);
			assertThat(SystemHttp.send(ports.gatewayUrl(), "DELETE", contact, token, null, null).statusCode())
				.isIn(200, 204);
			assertThat(SystemHttp.send(ports.gatewayUrl(), "GET", contact, token, null, null).statusCode())
				.isEqualTo(404);
			ChildProcess.stopAll(List.copyOf(applications.values()).reversed(), Duration.ofSeconds(20), System.out);
			runScript("deploy/compose/restore", backup.toString(), ports);
			for (Service application : List.of(Service.CONTACTS, Service.GATEWAY)) {
				started.add(startApplication(application, image, hosts, ports, dataDir));
			}
			// Just started, a service may answer 503 (Retry-After) until the gateway's keys reach it: what a client
			// retries. Any other answer ends the wait.
			HttpResponse<String> restored = await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> SystemHttp.send(ports.gatewayUrl(), "GET", contact, token, null, null),
						answer -> !List.of(502, 503, 504).contains(answer.statusCode()));
			assertThat(restored.statusCode()).as("the contact is back: %s", restored.body()).isEqualTo(200);
			assertThat(restored.body()).contains("Ada Lovelace");
		}
		finally {
			ChildProcess.stopAll(started.reversed(), Duration.ofSeconds(20), System.out);
			redis.stop();
			if (postgres != null) {
				postgres.close();
			}
		}
	}

	/**
	 * An application's jar with the image's ENV and compose's environment for its container, host names mapped; waits
	 * until it is ready. Its log is appended to, across restarts.
	 */
	private static ChildProcess startApplication(Service application, Map<String, String> image,
			Map<String, String> hosts, Ports ports, DataDir dataDir) {
		Map<String, String> variables = new TreeMap<>(image);
		environment(service(application.module())).forEach((name, value) -> variables.put(name, mapped(value, hosts)));
		// The container's two ports, published on free ones here.
		variables.put("SERVER_PORT", Integer.toString(ports.of(application)));
		variables.put("MANAGEMENT_PORT", Integer.toString(ports.management(application)));
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		// The container's memory limit sizes the heap there; here, devstack's small heaps.
		command.addAll(Up.DEFAULT_SERVICE_JAVA_OPTIONS);
		command.addAll(List.of("-jar", jar(application).toString()));
		ChildProcess child = ChildProcess.start(application.module(), command, variables, dataDir.log(application.module()));
		awaitReady(application, child, ports);
		return child;
	}

	/** One of deploy/compose's scripts, with PostgreSQL's tools run here against this test's server. */
	private static void runScript(String script, String argument, Ports ports) throws Exception {
		run(List.of("bash", repository.resolve(script).toString(), argument), repository,
				Map.of("RAPPORT_PG_EXEC", "", "PGHOST", Ports.HOST, "PGPORT", Integer.toString(ports.postgres()),
						"PGPASSWORD", Postgres.PASSWORD));
	}

	/** Compose's init script, run as the postgres image runs it, against this test's PostgreSQL. */
	private static void initDatabases(Ports ports) throws Exception {
		Map<String, String> environment = new HashMap<>(environment(service("postgres")));
		environment.putAll(Map.of("POSTGRES_USER", Postgres.USER, "PGHOST", Ports.HOST, "PGPORT",
				Integer.toString(ports.postgres()), "PGPASSWORD", Postgres.PASSWORD));
		run(List.of("bash", repository.resolve("deploy/compose/postgres-init.sh").toString()), repository, environment);
	}

	private static void awaitReady(Service application, ChildProcess child, Ports ports) {
		URI readiness = ports.managementUrl(application).resolve("/actuator/health/readiness");
		await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			assertThat(child.isAlive()).as("%s exited; its last lines:%n%s", application.module(),
					String.join("\n", child.lastLogLines(40))).isTrue();
			HttpResponse<String> response;
			try {
				response = HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				throw new AssertionError(application.module() + " does not answer at " + readiness + " yet", ex);
			}
			assertThat(response.statusCode()).as("%s readiness: %s", application.module(), response.body())
				.isEqualTo(200);
		});
	}

	/** The ENV lines of the Dockerfile: what every container has before compose adds its own. */
	private static Map<String, String> imageEnvironment() throws IOException {
		String dockerfile = Files.readString(repository.resolve("Dockerfile")).replace("\\\n", " ");
		Map<String, String> variables = new LinkedHashMap<>();
		Matcher env = Pattern.compile("(?m)^ENV (.+)$").matcher(dockerfile);
		while (env.find()) {
			Matcher pair = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)").matcher(env.group(1));
			while (pair.find()) {
				variables.put(pair.group(1), pair.group(2).replaceAll("^\"|\"$", ""));
			}
		}
		assertThat(variables).containsKeys("SERVER_PORT", "MANAGEMENT_PORT", "JAVA_TOOL_OPTIONS");
		return variables;
	}

	private static String mapped(String value, Map<String, String> hosts) {
		String mapped = value;
		for (Map.Entry<String, String> host : hosts.entrySet()) {
			mapped = mapped.replace(host.getKey(), host.getValue());
		}
		return mapped;
	}

	private static Path jar(Service application) {
		return Path.of(System.getProperty("rapport.system-test.jars"), application.module() + ".jar");
	}

	private static Map<String, Object> service(String name) {
		Map<String, Object> services = map(compose.get("services"));
		assertThat(services).as("docker-compose.yml's services").containsKey(name);
		return map(services.get(name));
	}

	private static Map<String, String> environment(Map<String, Object> service) {
		Map<String, String> variables = new TreeMap<>();
		map(service.get("environment")).forEach((name, value) -> variables.put(name, value == null ? "" : value.toString()));
		return variables;
	}

	private static List<Map<String, Object>> kustomize(String directory) throws Exception {
		assertThat(KUBECTL).as("kubectl (with kustomize) renders the manifests").isExecutable();
		List<Map<String, Object>> manifests = new ArrayList<>();
		for (Object document : yaml().loadAll(run(List.of(KUBECTL.toString(), "kustomize", directory), repository))) {
			manifests.add(map(document));
		}
		return manifests;
	}

	private static Map<String, String> configMap(List<Map<String, Object>> manifests, String name) {
		Map<String, String> data = new TreeMap<>();
		manifests.stream()
			.filter(manifest -> "ConfigMap".equals(manifest.get("kind")) && name.equals(map(manifest.get("metadata")).get("name")))
			.findFirst()
			.map(manifest -> map(manifest.get("data")))
			.orElseThrow(() -> new AssertionError("no ConfigMap " + name))
			.forEach((key, value) -> data.put(key, value == null ? "" : value.toString()));
		return data;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> containerEnvironment(List<Map<String, Object>> manifests, String name) {
		Map<String, Object> deployment = manifests.stream()
			.filter(manifest -> "Deployment".equals(manifest.get("kind")) && name.equals(map(manifest.get("metadata")).get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no Deployment " + name));
		Map<String, Object> pod = map(map(map(deployment.get("spec")).get("template")).get("spec"));
		List<Map<String, Object>> containers = (List<Map<String, Object>>) pod.get("containers");
		assertThat(containers).hasSize(1);
		Map<String, Object> container = containers.getFirst();
		assertThat(map(map(container.get("readinessProbe")).get("httpGet"))).containsEntry("path",
				"/actuator/health/readiness");
		return (List<Map<String, Object>>) container.get("env");
	}

	private static Map<String, String> readDotEnv(Path file) throws IOException {
		Map<String, String> variables = new LinkedHashMap<>();
		for (String line : Files.readAllLines(file)) {
			if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
				variables.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
			}
		}
		return variables;
	}

	private static String run(List<String> command, Path directory) throws Exception {
		return run(command, directory, Map.of());
	}

	/**
	 * Runs a command to its end, with {@code environment} added to this process's; returns what it printed on
	 * standard output, failing with all it printed if it fails.
	 */
	private static String run(List<String> command, Path directory, Map<String, String> environment)
			throws Exception {
		Path errors = Files.createTempFile(work, "stderr", ".txt");
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectError(errors.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finishes", command).isTrue();
		assertThat(process.exitValue()).as("%s printed:%n%s%n%s", command, output, Files.readString(errors)).isZero();
		return output;
	}

	private static Yaml yaml() {
		return new Yaml(new LoaderOptions());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return value == null ? Map.of() : (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<String> strings(Object value) {
		return value instanceof List<?> list ? (List<String>) list : List.of(String.valueOf(value));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
