package dev.rapport.devstack.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Properties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform for system tests, as users run it: devstack's Kafka broker, PostgreSQL and every service jar in
 * its own process, from a fresh data dir. Started once for all system test classes in this JVM and stopped when they
 * are done (JUnit closes what the root store holds); if the JVM is killed instead, devstack's reaper ends them.
 * <p>
 * It runs on free ports, so a devstack the user is running (or another checkout's build) is no obstacle, with the
 * service jars this build made (failsafe runs the system tests after {@code package}; the pom copies the jars Maven
 * resolved to {@code target/system-test-jars}), and with an explicit environment: nothing of the caller's shell but
 * what every child gets ({@link ChildProcess#INHERITED}).
 */
final class RunningDevstack implements BeforeAllCallback, AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static volatile RunningDevstack running;

	static final Duration OUTBOX_SEND_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * The gateway signs with a rotated key 10 s after publishing it (2 min by default): KeyRotationSystemTest. The
	 * system tests sign in about a dozen times, the access matrix guesses passwords and the browser tests sign in
	 * through Chromium (a wrong password too), all from one address: on a fast machine within a minute, past the
	 * default 10 a minute (600, refilled at 10 a second, leaves the browser tests room for hundreds); and several tests
	 * send hundreds of requests with one access token as fast as the machine allows, past the default 50/s (the limits
	 * themselves are the gateway tests' business: they would make these tests depend on the machine's speed). The
	 * outbox relay reports a send stalled after {@link #OUTBOX_SEND_TIMEOUT} (10 s by default), so CrashSystemTest's
	 * broker outage, which lasts until the relay has reported one, stays short. reminders-service's scheduler looks every
	 * second (5 s by default): the tests that move the clock wait for what it decides.
	 */
	private static final Map<String, String> SETTINGS = Map.of("RAPPORT_KEY_PUBLISH_AHEAD", "10s",
			"RAPPORT_LOGINS_PER_MINUTE", "600", "RAPPORT_RATE_LIMIT_PER_SECOND", "1000000",
			"RAPPORT_RATE_LIMIT_BURST", "1000000", "RAPPORT_OUTBOX_SENDTIMEOUT", OUTBOX_SEND_TIMEOUT.toSeconds() + "s",
			"REMINDERS_SCHEDULER_INTERVAL", "1s");

	/**
	 * Receives the spans every service exports (RAPPORT_OTLP_TRACES_ENDPOINT): TracingSystemTest follows one request's
	 * trace through them. None when the tests attach to a developer's own devstack.
	 */
	private static volatile OtlpReceiver traces;

	private final Up up;

	private final Ports ports;

	private final DataDir dataDir;

	private final ByteArrayOutputStream console;

	/** For JUnit's extension mechanism only. */
	RunningDevstack() {
		this(null, null, null, null);
	}

	private RunningDevstack(Up up, Ports ports, DataDir dataDir, ByteArrayOutputStream console) {
		this.up = up;
		this.ports = ports;
		this.dataDir = dataDir;
		this.console = console;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getRoot()
			.getStore(ExtensionContext.Namespace.GLOBAL)
			.computeIfAbsent(RunningDevstack.class, key -> start(), RunningDevstack.class);
	}

	static RunningDevstack get() {
		assertThat(running).as("@ExtendWith(RunningDevstack.class) starts it").isNotNull();
		return running;
	}

	private static RunningDevstack start() {
		String attach = System.getProperty("rapport.system-test.devstack");
		if (attach != null && !attach.isBlank()) {
			// A developer's own running devstack (its data dir), to try a system test against it: nothing is
			// started or stopped, and the test's teams and contacts stay in that devstack.
			DataDir dataDir = new DataDir(Path.of(attach));
			running = new RunningDevstack(null, Ports.load(dataDir), dataDir, new ByteArrayOutputStream());
			return running;
		}
		String jars = System.getProperty("rapport.system-test.jars");
		assertThat(jars).as("system tests run from ./mvnw verify (failsafe), which copies the service jars this build "
				+ "made; property rapport.system-test.jars").isNotBlank();
		DataDir dataDir = new DataDir(Path.of("target", "devstack-system-test"));
		ByteArrayOutputStream console = new ByteArrayOutputStream();
		Ports ports = Ports.free();
		traces = OtlpReceiver.start();
		Map<String, String> settings = new HashMap<>(SETTINGS);
		settings.put("RAPPORT_OTLP_TRACES_ENDPOINT", traces.endpoint().toString());
		Up up = new Up(dataDir, ports, service -> Path.of(jars, service.module() + ".jar"), settings,
				new PrintStream(console, true, StandardCharsets.UTF_8));
		int exit = up.start(true, Service.ALL);
		assertThat(exit).as("devstack start; it printed:%n%s", console.toString(StandardCharsets.UTF_8)).isZero();
		running = new RunningDevstack(up, ports, dataDir, console);
		return running;
	}

	/** The repository's root (devstack's parent folder, which failsafe names): web/ and docs/ are there. */
	static Path repository() {
		String repository = System.getProperty("rapport.system-test.repository");
		assertThat(repository).as("system tests run from ./mvnw verify (failsafe), which names the repository's root; "
				+ "property rapport.system-test.repository").isNotBlank();
		return Path.of(repository).toAbsolutePath().normalize();
	}

	/** A crash: the service is killed with SIGKILL. */
	void killService(String name) {
		assertThat(up).as("a devstack this JVM started").isNotNull();
		up.killService(Service.named(name));
	}

	void restartService(String name) {
		up.restartService(Service.named(name));
	}

	/** A broker outage: the services keep running. */
	void stopBroker() {
		assertThat(up).as("a devstack this JVM started").isNotNull();
		up.stopBroker();
	}

	void startBroker() {
		up.startBroker();
	}

	Ports ports() {
		return ports;
	}

	URI gateway() {
		return ports.gatewayUrl();
	}

	URI url(String service) {
		return ports.url(Service.named(service));
	}

	URI managementUrl(String service) {
		return ports.managementUrl(Service.named(service));
	}

	/** Signs in at the gateway as the demo admin. */
	GatewayClient signInAsAdmin() {
		return GatewayClient.signIn(gateway(), DemoIdentity.ADMIN_EMAIL, identity().adminPassword());
	}

	/** Every record of {@code topic} from its beginning, read without a consumer group. */
	KafkaConsumer<String, String> readFromBeginning(String topic) {
		return readFromBeginning(ports, topic);
	}

	/** Every record of {@code topic} on the devstack listening on {@code ports}, from its beginning. */
	static KafkaConsumer<String, String> readFromBeginning(Ports ports, String topic) {
		Properties properties = new Properties();
		properties.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ports.kafkaBootstrap(),
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties);
		List<TopicPartition> partitions = consumer.partitionsFor(topic)
			.stream()
			.map(partition -> new TopicPartition(partition.topic(), partition.partition()))
			.toList();
		consumer.assign(partitions);
		consumer.seekToBeginning(partitions);
		return consumer;
	}

	/** The id of the first reminder for {@code contact} in the caller's agenda, once it is there. */
	String awaitReminderFor(String authorization, String contact) {
		return await().atMost(Duration.ofSeconds(60)).until(() -> {
			JsonNode agenda = JSON.readTree(
					SystemHttp.send(gateway(), "GET", "/api/reminders?tz=UTC", authorization, null, null).body());
			for (String section : List.of("overdue", "today", "upcoming")) {
				for (JsonNode item : agenda.get(section)) {
					if (item.get("contactId").asString().equals(contact)) {
						return item.get("id").asString();
					}
				}
			}
			return null;
		}, id -> id != null);
	}

	/** The spans the services exported to this JVM's OTLP endpoint. */
	OtlpReceiver traces() {
		assertThat(traces).as("a devstack this JVM started, exporting its spans here").isNotNull();
		return traces;
	}

	DataDir dataDir() {
		return dataDir;
	}

	/** The page of the mail the services sent (devstack's mail catcher; JSON at {@code messages}). */
	URI mailPage() {
		try {
			return URI.create(Files.readString(dataDir.mailPage()).strip());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("devstack up notes its mail page in " + dataDir.mailPage(), ex);
		}
	}

	DemoIdentity identity() {
		return DemoIdentity.load(dataDir).orElseThrow();
	}

	PrintStream console() {
		return new PrintStream(console, true, StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		if (up != null) {
			up.stop();
		}
		if (traces != null) {
			traces.close();
			traces = null;
		}
		running = null;
	}

}
