package dev.rapport.devstack.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The ports one devstack listens on, all on 127.0.0.1: the defaults, a block of eleven from a base port, or free ports
 * the system picks ({@code up --ports}). Each application has two: its API and its management port (Actuator:
 * health, metrics, Prometheus), which a deployment keeps off the public network. {@code up} saves them in the data dir, so every other command ({@code tail},
 * {@code clock}, {@code load}, ...) finds the stack that data dir belongs to.
 */
public record Ports(int gateway, int contacts, int interactions, int reminders, int postgres, int kafka,
		int kafkaController, int gatewayManagement, int contactsManagement, int interactionsManagement,
		int remindersManagement) {

	static final String HOST = "127.0.0.1";

	public static final Ports DEFAULT = new Ports(8080, 8081, 8082, 8083, 5433, 9092, 9093, 9080, 9081, 9082, 9083);

	private static final int COUNT = 11;

	public Ports {
		for (int port : List.of(gateway, contacts, interactions, reminders, postgres, kafka, kafkaController,
				gatewayManagement, contactsManagement, interactionsManagement, remindersManagement)) {
			if (port < 1 || port > 65_535) {
				throw new UsageException("port " + port + " is not between 1 and 65535");
			}
		}
	}

	/**
	 * {@code default} (8080..8083, PostgreSQL 5433, Kafka 9092/9093, management 9080..9083), {@code free} (any free
	 * ports) or a base port {@code N}: gateway N, contacts N+1, interactions N+2, reminders N+3, PostgreSQL N+4,
	 * Kafka N+5 and N+6, the four management ports N+7..N+10 in the same order.
	 */
	public static Ports parse(String value) {
		return switch (value) {
			case "default" -> DEFAULT;
			case "free" -> free();
			default -> fromBase(base(value));
		};
	}

	private static int base(String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new UsageException("--ports takes default, free or a base port such as 18080, got '"
					+ value + "'");
		}
	}

	static Ports fromBase(int base) {
		return new Ports(base, base + 1, base + 2, base + 3, base + 4, base + 5, base + 6, base + 7, base + 8, base + 9,
				base + 10);
	}

	/**
	 * Eleven ports free right now: all bound at once (so no two are the same), then released for the processes that
	 * will listen on them. Another program could take one in between; {@code up} then reports it busy.
	 */
	static Ports free() {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < COUNT; i++) {
				ServerSocket socket = new ServerSocket();
				sockets.add(socket);
				socket.bind(new InetSocketAddress(0));
			}
			int[] ports = sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
			return new Ports(ports[0], ports[1], ports[2], ports[3], ports[4], ports[5], ports[6], ports[7], ports[8],
					ports[9], ports[10]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not find free ports", ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// Nothing was listening yet.
				}
			}
		}
	}

	int of(Service service) {
		return switch (service) {
			case GATEWAY -> gateway;
			case CONTACTS -> contacts;
			case INTERACTIONS -> interactions;
			case REMINDERS -> reminders;
		};
	}

	int management(Service service) {
		return switch (service) {
			case GATEWAY -> gatewayManagement;
			case CONTACTS -> contactsManagement;
			case INTERACTIONS -> interactionsManagement;
			case REMINDERS -> remindersManagement;
		};
	}

	public URI url(Service service) {
		return URI.create("http://" + HOST + ":" + of(service));
	}

	/** Where the service's Actuator answers (health, Prometheus, devstack's clock). */
	public URI managementUrl(Service service) {
		return URI.create("http://" + HOST + ":" + management(service));
	}

	public URI gatewayUrl() {
		return URI.create("http://" + HOST + ":" + gateway);
	}

	public String kafkaBootstrap() {
		return HOST + ":" + kafka;
	}

	String jdbcUrl(String database) {
		return "jdbc:postgresql://" + HOST + ":" + postgres + "/" + database;
	}

	/** Every port with what listens on it, for the busy-port check. */
	Map<Integer, String> named(List<Service> services) {
		Map<Integer, String> named = new LinkedHashMap<>();
		named.put(kafka, "Kafka");
		named.put(kafkaController, "Kafka's controller");
		named.put(postgres, "PostgreSQL");
		services.forEach(service -> {
			named.put(of(service), service.module());
			named.put(management(service), service.module() + "'s management");
		});
		return named;
	}

	void save(DataDir dataDir) {
		Properties properties = new Properties();
		properties.setProperty("gateway", Integer.toString(gateway));
		properties.setProperty("contacts", Integer.toString(contacts));
		properties.setProperty("interactions", Integer.toString(interactions));
		properties.setProperty("reminders", Integer.toString(reminders));
		properties.setProperty("postgres", Integer.toString(postgres));
		properties.setProperty("kafka", Integer.toString(kafka));
		properties.setProperty("kafka.controller", Integer.toString(kafkaController));
		properties.setProperty("gateway.management", Integer.toString(gatewayManagement));
		properties.setProperty("contacts.management", Integer.toString(contactsManagement));
		properties.setProperty("interactions.management", Integer.toString(interactionsManagement));
		properties.setProperty("reminders.management", Integer.toString(remindersManagement));
		try {
			Files.createDirectories(dataDir.root());
			try (Writer out = Files.newBufferedWriter(dataDir.ports())) {
				properties.store(out, "Written by devstack up; the other devstack commands read it");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The ports the last {@code up} with this data dir used; the defaults before any. */
	public static Ports load(DataDir dataDir) {
		Properties properties = new Properties();
		try (Reader in = Files.newBufferedReader(dataDir.ports())) {
			properties.load(in);
		}
		catch (NoSuchFileException ex) {
			return DEFAULT;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			return new Ports(port(properties, "gateway"), port(properties, "contacts"),
					port(properties, "interactions"), port(properties, "reminders"), port(properties, "postgres"),
					port(properties, "kafka"), port(properties, "kafka.controller"), port(properties, "gateway.management"),
					port(properties, "contacts.management"), port(properties, "interactions.management"),
					port(properties, "reminders.management"));
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Unreadable " + dataDir.ports() + " (" + ex.getMessage()
					+ "): delete it, or start devstack again", ex);
		}
	}

	private static int port(Properties properties, String name) {
		return Integer.parseInt(properties.getProperty(name, "").strip());
	}

}
