package dev.rapport.devstack.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

import dev.rapport.events.Topics;

/** A one-node Kafka (KRaft: broker and controller in one process) in a child JVM on devstack's own classpath. */
final class KafkaBroker {

	static final int PARTITIONS = 3;

	/** A small heap: the broker idles at a few hundred MB; override with RAPPORT_KAFKA_JAVA_OPTS. */
	static final List<String> DEFAULT_JAVA_OPTIONS = List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
			"-XX:+ExitOnOutOfMemoryError");

	private final Path directory;

	private final Ports ports;

	private final Path log;

	private ChildProcess process;

	KafkaBroker(Path directory, Ports ports, Path log) {
		this.directory = directory.toAbsolutePath();
		this.ports = ports;
		this.log = log;
	}

	/** The broker's configuration: single node, nothing replicated, topics only ever created on purpose. */
	static Map<String, String> serverProperties(Path logDirectory, Ports ports) {
		String controller = Ports.HOST + ":" + ports.kafkaController();
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("process.roles", "broker,controller");
		properties.put("node.id", "1");
		properties.put("controller.quorum.voters", "1@" + controller);
		properties.put("listeners", "PLAINTEXT://" + ports.kafkaBootstrap() + ",CONTROLLER://" + controller);
		properties.put("advertised.listeners", "PLAINTEXT://" + ports.kafkaBootstrap());
		properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		properties.put("controller.listener.names", "CONTROLLER");
		properties.put("inter.broker.listener.name", "PLAINTEXT");
		properties.put("log.dirs", logDirectory.toAbsolutePath().toString());
		properties.put("num.partitions", Integer.toString(PARTITIONS));
		properties.put("default.replication.factor", "1");
		properties.put("offsets.topic.replication.factor", "1");
		properties.put("transaction.state.log.replication.factor", "1");
		properties.put("transaction.state.log.min.isr", "1");
		properties.put("share.coordinator.state.topic.replication.factor", "1");
		properties.put("share.coordinator.state.topic.min.isr", "1");
		properties.put("auto.create.topics.enable", "false");
		// Consumers join at once instead of waiting 3 s for more members that never come.
		properties.put("group.initial.rebalance.delay.ms", "0");
		return properties;
	}

	static String render(Map<String, String> properties) {
		return properties.entrySet()
			.stream()
			.map(entry -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining("\n", "# Written by devstack on every start; edits are overwritten.\n", "\n"));
	}

	/** Writes the configuration, formats the storage on first use, and starts the broker; returns at once. */
	ChildProcess start(List<String> javaOptions) {
		Path data = directory.resolve("data");
		Path config = directory.resolve("server.properties");
		try {
			Files.createDirectories(data);
			Files.writeString(config, render(serverProperties(data, ports)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (!Files.exists(data.resolve("meta.properties"))) {
			format(config, javaOptions);
		}
		process = ChildProcess.start("kafka", javaCommand(javaOptions, "kafka.Kafka", config.toString()), Map.of(),
				log);
		return process;
	}

	private void format(Path config, List<String> javaOptions) {
		String clusterId = clusterId();
		int exit = ChildProcess.run("kafka-storage-format",
				javaCommand(javaOptions, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString()),
				log, Duration.ofSeconds(60));
		if (exit != 0) {
			throw new IllegalStateException("Formatting Kafka's storage failed (exit " + exit + "); see " + log);
		}
	}

	/** Kept in the data dir: a formatted log directory only starts with the cluster id it was formatted with. */
	private String clusterId() {
		Path file = directory.resolve("cluster.id");
		try {
			if (Files.exists(file)) {
				return Files.readString(file).strip();
			}
			String id = Uuid.randomUuid().toString();
			Files.writeString(file, id + "\n");
			return id;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private List<String> javaCommand(List<String> javaOptions, String mainClass, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(javaOptions);
		command.add("-Dlogback.configurationFile=devstack-kafka-logback.xml");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass);
		command.addAll(List.of(arguments));
		return command;
	}

	/** Polls the broker until it describes its cluster; fails early if the child process exits. */
	void awaitReady(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		try (Admin admin = admin(ports.kafkaBootstrap())) {
			while (true) {
				if (!process.isAlive()) {
					throw new ChildExitedException(process);
				}
				try {
					admin.describeCluster(new DescribeClusterOptions().timeoutMs(1_000)).nodes().get(2, TimeUnit.SECONDS);
					return;
				}
				catch (ExecutionException | TimeoutException ex) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException(
								"Kafka did not answer on " + ports.kafkaBootstrap() + " within " + timeout.toSeconds() + " s");
					}
					Thread.sleep(250);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for Kafka", ex);
		}
	}

	/**
	 * Creates whichever of {@link Topics#EVERY_TOPIC} are missing, each with its {@link Topics#config} (compaction for
	 * the state topics); returns their names.
	 */
	List<String> createMissingTopics() {
		try (Admin admin = admin(ports.kafkaBootstrap())) {
			Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
			List<NewTopic> missing = Topics.EVERY_TOPIC.stream()
				.filter(topic -> !existing.contains(topic))
				.map(topic -> new NewTopic(topic, PARTITIONS, (short) 1).configs(Topics.config(topic)))
				.toList();
			if (!missing.isEmpty()) {
				admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
			}
			return missing.stream().map(NewTopic::name).toList();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topics", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not create Rapport's topics on " + ports.kafkaBootstrap(), ex);
		}
	}

	static Admin admin(String bootstrap) {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				AdminClientConfig.CLIENT_ID_CONFIG, "devstack", AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000));
	}

}
