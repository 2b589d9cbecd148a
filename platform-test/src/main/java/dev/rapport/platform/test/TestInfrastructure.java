package dev.rapport.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import dev.rapport.events.Topics;

/**
 * The real PostgreSQL server and Kafka broker integration tests run against, started once per test JVM. With a
 * Docker engine they are Testcontainers; without one (these machines, CI) an embedded PostgreSQL and an embedded
 * KRaft broker. Same tests, same assertions: {@code -Drapport.test.infrastructure=embedded|containers} forces one.
 */
public final class TestInfrastructure {

	private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

	private static final AtomicInteger databases = new AtomicInteger();

	private static Postgres postgres;

	private static String kafkaBootstrapServers;

	private TestInfrastructure() {
	}

	/** Whether this JVM runs on Testcontainers (a Docker engine answered) rather than the embedded servers. */
	public static boolean containers() {
		String forced = System.getProperty("rapport.test.infrastructure", "auto");
		return switch (forced) {
			case "containers" -> true;
			case "embedded" -> false;
			default -> DockerClientFactory.instance().isDockerAvailable();
		};
	}

	public static synchronized Postgres postgres() {
		if (postgres == null) {
			postgres = containers() ? containerPostgres() : embeddedPostgres();
		}
		return postgres;
	}

	public static synchronized String kafkaBootstrapServers() {
		if (kafkaBootstrapServers == null) {
			kafkaBootstrapServers = containers() ? containerKafka() : embeddedKafka();
			createTopics(kafkaBootstrapServers);
		}
		return kafkaBootstrapServers;
	}

	/** A fresh, empty database on the shared server, so each test context starts from a clean schema. */
	public static TestDatabase newDatabase() {
		Postgres server = postgres();
		String name = "rapport_test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
		execute(server.admin(), "create database " + name);
		return new TestDatabase(server, name);
	}

	/** Creates Rapport's topics with several partitions and their configuration, as a real deployment has them. */
	public static void createTopics(String bootstrapServers) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			var existing = admin.listTopics().names().get();
			var missing = Topics.EVERY_TOPIC.stream()
				.filter(topic -> !existing.contains(topic))
				.map(topic -> new NewTopic(topic, 3, (short) 1).configs(Topics.config(topic)))
				.toList();
			try {
				admin.createTopics(missing).all().get();
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw ex;
				}
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot create topics on " + bootstrapServers, ex);
		}
	}

	static void execute(DataSource dataSource, String sql) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Failed: " + sql, ex);
		}
	}

	private static Postgres embeddedPostgres() {
		try {
			EmbeddedPostgres server = EmbeddedPostgres.builder().start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					server.close();
				}
				catch (IOException ex) {
					log.warn("Embedded PostgreSQL did not stop cleanly", ex);
				}
			}));
			log.info("Tests use an embedded PostgreSQL on port {}", server.getPort());
			return new Postgres("localhost", server.getPort(), "postgres", "postgres");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start embedded PostgreSQL", ex);
		}
	}

	@SuppressWarnings("resource")
	private static Postgres containerPostgres() {
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
		container.start();
		log.info("Tests use a PostgreSQL container at {}", container.getJdbcUrl());
		return new Postgres(container.getHost(), container.getFirstMappedPort(), container.getUsername(),
				container.getPassword());
	}

	/**
	 * A broker of a test's own on a fixed port, for tests that need it absent first and present later. The
	 * testkit binds its own EXTERNAL listener to a random port, so the fixed one gets a listener name of its own.
	 */
	public static EmbeddedKafkaKraftBroker startBrokerOnPort(int port) {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
		broker.brokerListProperty("rapport.test.kafka.fixed-port-broker");
		broker.brokerProperties(Map.of("auto.create.topics.enable", "false", "listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,LOCAL://127.0.0.1:" + port,
				"advertised.listeners", "LOCAL://127.0.0.1:" + port, "inter.broker.listener.name", "LOCAL",
				"listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,LOCAL:PLAINTEXT"));
		broker.afterPropertiesSet();
		return broker;
	}

	private static String embeddedKafka() {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
		// Not the JVM-wide spring.kafka.bootstrap-servers the broker would set: contexts get theirs explicitly.
		broker.brokerListProperty("rapport.test.kafka.bootstrap-servers");
		// As in a real deployment: topics exist because someone created them with the right partitions.
		broker.brokerProperty("auto.create.topics.enable", "false");
		// One broker: transactions (Kafka Streams' exactly_once_v2, analytics-service) need their state topic to fit
		// on it; the default replication factor of 3 leaves every transactional producer waiting forever.
		broker.brokerProperty("transaction.state.log.replication.factor", "1");
		broker.brokerProperty("transaction.state.log.min.isr", "1");
		broker.afterPropertiesSet();
		Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
		log.info("Tests use an embedded KRaft broker at {}", broker.getBrokersAsString());
		return broker.getBrokersAsString();
	}

	@SuppressWarnings("resource")
	private static String containerKafka() {
		KafkaContainer container = new KafkaContainer("apache/kafka-native:4.1.2");
		container.start();
		log.info("Tests use a Kafka container at {}", container.getBootstrapServers());
		return container.getBootstrapServers();
	}

	/** A PostgreSQL server reachable over TCP, as services see it in production. */
	public record Postgres(String host, int port, String username, String password) {

		public String jdbcUrl(String database) {
			return "jdbc:postgresql://%s:%d/%s".formatted(host, port, database);
		}

		DataSource admin() {
			PGSimpleDataSource dataSource = new PGSimpleDataSource();
			dataSource.setUrl(jdbcUrl("postgres"));
			dataSource.setUser(username);
			dataSource.setPassword(password);
			return dataSource;
		}

	}

	/** One test context's database; dropped when the context closes. */
	public record TestDatabase(Postgres server, String name) implements AutoCloseable {

		public String jdbcUrl() {
			return server.jdbcUrl(name);
		}

		/**
		 * A database outage as the application sees it, on the real server: connections it holds are closed and new
		 * ones refused, until {@link #acceptConnections()}.
		 */
		public void refuseConnections() {
			execute(server.admin(), "alter database " + name + " allow_connections false");
			execute(server.admin(),
					"select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + name + "'");
		}

		public void acceptConnections() {
			execute(server.admin(), "alter database " + name + " allow_connections true");
		}

		@Override
		public void close() {
			execute(server.admin(), "drop database if exists " + name + " with (force)");
		}

	}

}
