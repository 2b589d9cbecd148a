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
 * The ports one devstack listens on, all on 127.0.0.1: the defaults, a block from a base port, or free ports the
 * system picks ({@code up --ports}). Each application has two: its API and its management port (Actuator: health,
 * metrics, Prometheus), which a deployment keeps off the public network. {@code up} saves them in the data dir, so
 * every other command ({@code tail}, {@code clock}, {@code load}, ...) finds the stack that data dir belongs to.
 * <p>
 * With {@code up --replicas N} every application runs N times: the application's port ({@link #url}) is then
 * devstack's {@link Balancer} in front of its instances, each instance has an API and a management port of its own
 * ({@link #instances}), and a Redis holds the gateways' sessions. The first thirteen ports are laid out as in single
 * mode, instance 1 keeps the management ports of the single instance, and the rest follow ({@link #fromBase}).
 * analytics-service came fifth: its two ports follow the eleven the first four applications and the infrastructure
 * had, so their layout stayed as it was.
 *
 * @param redis the gateways' Redis; 0 with a single instance of each application (none runs)
 * @param replicaPorts with replicas only: instance 1's five API ports, then for each further instance its five API
 * and its five management ports, each five in the order of {@link #SLOTS}
 */
public record Ports(int gateway, int contacts, int interactions, int reminders, int postgres, int kafka,
		int kafkaController, int gatewayManagement, int contactsManagement, int interactionsManagement,
		int remindersManagement, int analytics, int analyticsManagement, int redis, List<Integer> replicaPorts) {

	static final String HOST = "127.0.0.1";

	public static final Ports DEFAULT = new Ports(8080, 8081, 8082, 8083, 5433, 9092, 9093, 9080, 9081, 9082, 9083,
			8084, 9084);

	/** The order of the applications in every group of an instance's ports. */
	private static final List<Service> SLOTS = List.of(Service.GATEWAY, Service.CONTACTS, Service.INTERACTIONS,
			Service.REMINDERS, Service.ANALYTICS);

	private static final int APPLICATIONS = SLOTS.size();

	/** What a single devstack has: five applications, PostgreSQL, Kafka's two, five management ports. */
	private static final int COUNT = 13;

	/** Each instance after the first: its API ports and its management ports. */
	private static final int PER_FURTHER_INSTANCE = 2 * APPLICATIONS;

	/** Two of everything is already heavy on a laptop; more than nine would also leave the default layout. */
	public static final int MAX_REPLICAS = 9;

	/** Beside a Redis the developer may run on 6379. */
	static final int DEFAULT_REDIS = 6380;

	public Ports {
		replicaPorts = List.copyOf(replicaPorts);
		if (!replicaPorts.isEmpty() && (replicaPorts.size() - APPLICATIONS) % PER_FURTHER_INSTANCE != 0) {
			throw new IllegalArgumentException("replica ports come in " + APPLICATIONS + " + " + PER_FURTHER_INSTANCE
					+ " per further instance, got " + replicaPorts.size());
		}
		List<Integer> all = new ArrayList<>(List.of(gateway, contacts, interactions, reminders, postgres, kafka,
				kafkaController, gatewayManagement, contactsManagement, interactionsManagement, remindersManagement,
				analytics, analyticsManagement));
		if (!replicaPorts.isEmpty()) {
			all.add(redis);
			all.addAll(replicaPorts);
		}
		for (int port : all) {
			if (port < 1 || port > 65_535) {
				throw new UsageException("port " + port + " is not between 1 and 65535");
			}
		}
	}

	/** One instance of each application, no Redis. */
	public Ports(int gateway, int contacts, int interactions, int reminders, int postgres, int kafka,
			int kafkaController, int gatewayManagement, int contactsManagement, int interactionsManagement,
			int remindersManagement, int analytics, int analyticsManagement) {
		this(gateway, contacts, interactions, reminders, postgres, kafka, kafkaController, gatewayManagement,
				contactsManagement, interactionsManagement, remindersManagement, analytics, analyticsManagement, 0,
				List.of());
	}

	/**
	 * {@code default} (8080..8084, PostgreSQL 5433, Kafka 9092/9093, management 9080..9084), {@code free} (any free
	 * ports) or a base port {@code N}: gateway N, contacts N+1, interactions N+2, reminders N+3, PostgreSQL N+4,
	 * Kafka N+5 and N+6, the four management ports N+7..N+10 in the same order, analytics N+11 and its management
	 * port N+12.
	 */
	public static Ports parse(String value) {
		return parse(value, 1);
	}

	/**
	 * As {@link #parse(String)}, with {@code replicas} instances of each application. Beyond the thirteen: by default
	 * Redis 6380, instance k's API ports 8080 + 100k.. (8180..8184, 8280..8284) and instance k's management ports
	 * 9080 + 100(k-1).. (9080..9084 as in single mode, then 9180..9184); from a base port N, see {@link #fromBase}.
	 */
	public static Ports parse(String value, int replicas) {
		if (replicas < 1 || replicas > MAX_REPLICAS) {
			throw new UsageException("--replicas takes 1 to " + MAX_REPLICAS + ", got " + replicas);
		}
		return switch (value) {
			case "default" -> defaults(replicas);
			case "free" -> free(replicas);
			default -> fromBase(base(value), replicas);
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
		return fromBase(base, 1);
	}

	/**
	 * A block from {@code base}: the thirteen of single mode (N..N+12), then with replicas Redis N+13, instance 1's API
	 * ports N+14..N+18, and for instance k = 2, 3, ... its API ports and its management ports, ten from
	 * N+19+10(k-2). Two replicas take N..N+28.
	 */
	static Ports fromBase(int base, int replicas) {
		int[] ports = new int[count(replicas)];
		for (int i = 0; i < ports.length; i++) {
			ports[i] = base + i;
		}
		return of(ports);
	}

	private static Ports defaults(int replicas) {
		if (replicas == 1) {
			return DEFAULT;
		}
		List<Integer> replicaPorts = new ArrayList<>();
		for (int k = 1; k <= replicas; k++) {
			for (int slot = 0; slot < APPLICATIONS; slot++) {
				replicaPorts.add(DEFAULT.gateway + 100 * k + slot);
			}
			if (k > 1) {
				for (int slot = 0; slot < APPLICATIONS; slot++) {
					replicaPorts.add(DEFAULT.gatewayManagement + 100 * (k - 1) + slot);
				}
			}
		}
		return DEFAULT.with(DEFAULT_REDIS, replicaPorts);
	}

	private static int count(int replicas) {
		return replicas == 1 ? COUNT : COUNT + 1 + APPLICATIONS + PER_FURTHER_INSTANCE * (replicas - 1);
	}

	/** The ports in the order of {@link #fromBase}'s block. */
	private static Ports of(int[] ports) {
		Ports single = new Ports(ports[0], ports[1], ports[2], ports[3], ports[4], ports[5], ports[6], ports[7],
				ports[8], ports[9], ports[10], ports[11], ports[12]);
		if (ports.length == COUNT) {
			return single;
		}
		List<Integer> replicaPorts = new ArrayList<>();
		for (int i = COUNT + 1; i < ports.length; i++) {
			replicaPorts.add(ports[i]);
		}
		return single.with(ports[COUNT], replicaPorts);
	}

	private Ports with(int redis, List<Integer> replicaPorts) {
		return new Ports(gateway, contacts, interactions, reminders, postgres, kafka, kafkaController,
				gatewayManagement, contactsManagement, interactionsManagement, remindersManagement, analytics,
				analyticsManagement, redis, replicaPorts);
	}

	static Ports free() {
		return free(1);
	}

	/**
	 * As many ports as {@code replicas} need, free right now: all bound at once (so no two are the same), then
	 * released for the processes that will listen on them. Another program could take one in between; {@code up}
	 * then reports it busy.
	 */
	static Ports free(int replicas) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < count(replicas); i++) {
				ServerSocket socket = new ServerSocket();
				sockets.add(socket);
				socket.bind(new InetSocketAddress(0));
			}
			return of(sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray());
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

	/** How many instances of each application run: 1, or what {@code up --replicas} said. */
	public int replicas() {
		return replicaPorts.isEmpty() ? 1 : 1 + (replicaPorts.size() - APPLICATIONS) / PER_FURTHER_INSTANCE;
	}

	/** Every instance of the service, numbered from 1; with one, it listens on the service's own port. */
	public List<Instance> instances(Service service) {
		List<Instance> instances = new ArrayList<>();
		for (int number = 1; number <= replicas(); number++) {
			instances.add(instance(service, number));
		}
		return instances;
	}

	/** Instance {@code number} (from 1) of the service. */
	public Instance instance(Service service, int number) {
		if (number < 1 || number > replicas()) {
			throw new IllegalArgumentException(service.module() + " has no instance " + number + " (" + replicas()
					+ " running)");
		}
		if (replicas() == 1) {
			return new Instance(service, 1, service.module(), of(service), management(service));
		}
		int slot = SLOTS.indexOf(service);
		int api = number == 1 ? slot : APPLICATIONS + PER_FURTHER_INSTANCE * (number - 2) + slot;
		int management = number == 1 ? management(service) : replicaPorts.get(api + APPLICATIONS);
		return new Instance(service, number, service.module() + "-" + number, replicaPorts.get(api), management);
	}

	/** Where the gateways keep sessions and rate limits, with replicas. */
	public String redisUrl() {
		return "redis://" + HOST + ":" + redis;
	}

	int of(Service service) {
		return switch (service) {
			case GATEWAY -> gateway;
			case CONTACTS -> contacts;
			case INTERACTIONS -> interactions;
			case REMINDERS -> reminders;
			case ANALYTICS -> analytics;
		};
	}

	int management(Service service) {
		return switch (service) {
			case GATEWAY -> gatewayManagement;
			case CONTACTS -> contactsManagement;
			case INTERACTIONS -> interactionsManagement;
			case REMINDERS -> remindersManagement;
			case ANALYTICS -> analyticsManagement;
		};
	}

	/** The application's address: its only instance, or the balancer in front of its instances. */
	public URI url(Service service) {
		return URI.create("http://" + HOST + ":" + of(service));
	}

	/** Where the service's (first instance's) Actuator answers (health, Prometheus, devstack's clock). */
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
		if (replicas() > 1) {
			named.put(redis, "Redis");
		}
		services.forEach(service -> {
			named.put(of(service), replicas() > 1 ? service.module() + "'s balancer" : service.module());
			for (Instance instance : instances(service)) {
				named.put(instance.port(), instance.name());
				named.put(instance.managementPort(), instance.name() + "'s management");
			}
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
		properties.setProperty("analytics", Integer.toString(analytics));
		properties.setProperty("analytics.management", Integer.toString(analyticsManagement));
		properties.setProperty("replicas", Integer.toString(replicas()));
		if (replicas() > 1) {
			properties.setProperty("redis", Integer.toString(redis));
			for (Service service : Service.ALL) {
				for (Instance instance : instances(service)) {
					properties.setProperty(key(instance), Integer.toString(instance.port()));
					properties.setProperty(key(instance) + ".management", Integer.toString(instance.managementPort()));
				}
			}
		}
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
			Ports single = new Ports(port(properties, "gateway"), port(properties, "contacts"),
					port(properties, "interactions"), port(properties, "reminders"), port(properties, "postgres"),
					port(properties, "kafka"), port(properties, "kafka.controller"), port(properties, "gateway.management"),
					port(properties, "contacts.management"), port(properties, "interactions.management"),
					port(properties, "reminders.management"), port(properties, "analytics"),
					port(properties, "analytics.management"));
			int replicas = Integer.parseInt(properties.getProperty("replicas", "1").strip());
			if (replicas == 1) {
				return single;
			}
			// In the order of the constructor's replicaPorts.
			List<Integer> replicaPorts = new ArrayList<>();
			for (int number = 1; number <= replicas; number++) {
				for (Service service : SLOTS) {
					replicaPorts.add(port(properties, key(service, number)));
				}
				if (number > 1) {
					for (Service service : SLOTS) {
						replicaPorts.add(port(properties, key(service, number) + ".management"));
					}
				}
			}
			return single.with(port(properties, "redis"), replicaPorts);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Unreadable " + dataDir.ports() + " (" + ex.getMessage()
					+ "): delete it, or start devstack again", ex);
		}
	}

	private static String key(Instance instance) {
		return key(instance.service(), instance.number());
	}

	/** {@code contacts.2}: the short name, as for the thirteen. */
	private static String key(Service service, int number) {
		return service.shortName() + "." + number;
	}

	private static int port(Properties properties, String name) {
		return Integer.parseInt(properties.getProperty(name, "").strip());
	}

}
