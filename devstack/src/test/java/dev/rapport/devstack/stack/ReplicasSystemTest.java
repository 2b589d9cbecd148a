package dev.rapport.devstack.stack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.rapport.devstack.tools.DevClock;
import dev.rapport.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A team deployment on devstack ({@code up --replicas 2}): two of every application, behind devstack's balancers, the
 * gateways sharing sessions through Redis. A session made on one gateway works on the other and a sign-out on either
 * ends it on both. Then writers create contacts and log interactions (each with a follow-up) through both gateways
 * in turn while one instance of every application is killed with SIGKILL: every write a gateway acknowledged must
 * take effect (a request that failed is retried by the writer, on the other gateway, as a browser's user would); the
 * killed instances are started again, the dev clock moves 15 days on all eight, and each keep-in-touch nudge (one per
 * contact) and each follow-up reminder (one per interaction) must fire exactly once on {@code rapport.reminders.v1},
 * though both reminders-service instances run the scheduler (every second here, so their runs overlap).
 * <p>
 * On a devstack of its own, started and stopped here, on free ports: the shared one ({@link RunningDevstack}) stays
 * single-instance, and this class runs first so that the two never run side by side (junit-platform.properties).
 */
@Order(0) // a devstack of its own: before the shared one starts (junit-platform.properties)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasSystemTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int WRITERS = 3;

	private static final Duration PIPELINE = Duration.ofSeconds(120);

	/**
	 * As the shared devstack's (sign-ins and request rates past the defaults are the gateway tests' business); the
	 * scheduler every second, so both instances' runs overlap when the clock moves; the quick JIT, which halves the
	 * eight JVMs' startup CPU on two cores (what is measured here is correctness, not throughput).
	 */
	private static final Map<String, String> SETTINGS = Map.of("RAPPORT_LOGINS_PER_MINUTE", "600",
			"RAPPORT_RATE_LIMIT_PER_SECOND", "1000000", "RAPPORT_RATE_LIMIT_BURST", "1000000",
			"REMINDERS_SCHEDULER_INTERVAL", "1s", "RAPPORT_SERVICE_JAVA_OPTS", "-XX:TieredStopAtLevel=1");

	private static Up up;

	private static Ports ports;

	private static DataDir dataDir;

	private static final ByteArrayOutputStream CONSOLE = new ByteArrayOutputStream();

	/** How much of the console the test's output already shows. */
	private static int printed;

	@BeforeAll
	static void startTwoOfEverything() {
		String jars = System.getProperty("rapport.system-test.jars");
		assertThat(jars).as("system tests run from ./mvnw verify (failsafe); property rapport.system-test.jars")
			.isNotBlank();
		dataDir = new DataDir(Path.of("target", "devstack-replicas-system-test"));
		ports = Ports.free(2);
		up = new Up(dataDir, ports, service -> Path.of(jars, service.module() + ".jar"), SETTINGS,
				new PrintStream(CONSOLE, true, StandardCharsets.UTF_8));
		int exit = up.start(true, Service.ALL);
		printConsole();
		assertThat(exit).as("devstack --replicas 2 start; it printed:%n%s", console()).isZero();
	}

	@AfterAll
	static void stop() {
		if (up != null) {
			up.stop();
			printConsole();
		}
	}

	@Test
	@Order(1)
	void aSessionMadeOnOneGatewayWorksOnTheOtherUntilASignOutOnEither() {
		GatewayClient first = signIn();
		GatewayClient second = first.via(gateway(2));

		assertThat(second.call("GET", "/api/me", null).statusCode()).as("gateway 2 knows gateway 1's session")
			.isEqualTo(200);
		HttpResponse<String> created = second.call("POST", "/api/contacts",
				"{\"displayName\": \"Met on gateway 2\", \"visibility\": \"TEAM\", \"cadence\": {\"tier\": \"INNER_CIRCLE\"}}");
		assertThat(created.statusCode()).as("a write with gateway 1's session and CSRF token: %s", created.body())
			.isEqualTo(201);

		HttpResponse<String> signedOut = second.signOut();
		assertThat(signedOut.statusCode()).isEqualTo(302);
		assertThat(signedOut.headers().firstValue("Location")).hasValue("/login?logout");
		assertThat(first.call("GET", "/api/me", null).statusCode()).as("gateway 1 after the sign-out on gateway 2")
			.isEqualTo(401);
	}

	@Test
	@Order(2)
	void everyAcknowledgedWriteTakesEffectAndEveryReminderFiresOnceWhenAnInstanceOfEachIsKilled() throws Exception {
		GatewayClient session = signIn();
		List<GatewayClient> gateways = List.of(session, session.via(gateway(2)));
		Load load = new Load(gateways);

		long killedAt;
		try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < WRITERS; i++) {
				running.add(writers.submit(load::write));
			}
			try {
				load.awaitMoreAcknowledged(60);
				killedAt = System.nanoTime();
				load.markKill();
				for (Service service : List.of(Service.GATEWAY, Service.CONTACTS, Service.INTERACTIONS,
						Service.REMINDERS)) {
					up.killInstance(ports.instance(service, 1));
				}
				load.awaitMoreAcknowledged(60);
			}
			finally {
				load.stop(); // also when an assertion above fails: the writers stop, the executor closes
			}
			for (Future<?> writer : running) {
				writer.get();
			}
		}
		System.out.print(load.report(killedAt));

		// The killed instances come back (on their data, with the saved clock), so that the clock moves on all
		// eight and both schedulers compete for what falls due. The session outlived the gateway it was made on.
		long restarting = System.nanoTime();
		for (Service service : List.of(Service.CONTACTS, Service.INTERACTIONS, Service.REMINDERS, Service.GATEWAY)) {
			up.restartInstance(ports.instance(service, 1));
		}
		printConsole();
		System.out.printf("replicas: the four killed instances ready again in %.1f s%n",
				(System.nanoTime() - restarting) / 1e9);
		assertThat(session.call("GET", "/api/me", null).statusCode())
			.as("the session on the restarted gateway 1 (kept in Redis)")
			.isEqualTo(200);

		UUID team = DemoIdentity.load(dataDir).orElseThrow().teamId();
		Set<UUID> contacts = ids(Service.CONTACTS, "select id from contact where team_id = ?", team);
		Map<UUID, UUID> interactions = interactionsByContact(team);
		assertThat(contacts).as("every contact a gateway acknowledged").containsAll(load.contacts.keySet());
		assertThat(interactions.keySet()).as("every interaction a gateway acknowledged")
			.containsAll(load.interactions.keySet());
		System.out.printf("replicas: %d contacts and %d interactions stored; %d and %d of them acknowledged%n",
				contacts.size(), interactions.size(), load.contacts.size(), load.interactions.size());

		// Every interaction has reached reminders-service (its follow-up is there) before time moves.
		await().atMost(PIPELINE)
			.alias("reminders-service has a follow-up reminder for every interaction")
			.until(() -> count(Service.REMINDERS, "select count(*) from reminder where team_id = ? and kind = 'FOLLOW_UP'",
					team) == interactions.size());

		assertThat(new DevClock(dataDir, DemoIdentity.load(dataDir).orElseThrow(), new PrintStream(CONSOLE, true,
				StandardCharsets.UTF_8)).run(Duration.ofDays(15)))
			.as("every instance's clock moved")
			.isZero();

		Fired fired = new Fired(team);
		try (KafkaConsumer<String, String> consumer = RunningDevstack.readFromBeginning(ports, Topics.REMINDERS)) {
			await().atMost(PIPELINE)
				.pollInterval(Duration.ofMillis(500))
				.until(() -> {
					fired.read(consumer);
					return fired.nudged().containsAll(contacts) && fired.followUps().size() >= interactions.size()
							&& unpublished() == 0;
				});
			// Whatever was published by now (a duplicate included) is read before the verdict.
			fired.readToTheEnd(consumer);
		}
		catch (ConditionTimeoutException ex) {
			// The assertions below say what is missing.
		}
		System.out.printf("replicas: reminders expected %d nudges + %d follow-ups; fired %d + %d distinct, "
				+ "%d reminder(s) fired more than once%n", contacts.size(), interactions.size(), fired.nudged().size(),
				fired.followUps().size(), fired.firedMoreThanOnce().size());

		assertThat(fired.firedMoreThanOnce()).as("reminders that fired more than once (reminder id: times)").isEmpty();
		assertThat(fired.nudgesPerContact()).as("keep-in-touch nudges per contact")
			.isEqualTo(contacts.stream().collect(java.util.stream.Collectors.toMap(id -> id, id -> 1)));
		Map<UUID, Integer> interactionsPerContact = new HashMap<>();
		interactions.values().forEach(contact -> interactionsPerContact.merge(contact, 1, Integer::sum));
		assertThat(fired.followUpsPerContact()).as("follow-up reminders per contact: one per interaction")
			.isEqualTo(interactionsPerContact);
	}

	/** The writers: contacts and their interactions through the two gateways in turn, with their figures. */
	private static final class Load {

		private final List<GatewayClient> gateways;

		private final AtomicInteger turn = new AtomicInteger();

		private final AtomicBoolean writing = new AtomicBoolean(true);

		private final AtomicInteger sent = new AtomicInteger();

		private final AtomicInteger acknowledged = new AtomicInteger();

		private final AtomicInteger failed = new AtomicInteger();

		private final AtomicInteger acknowledgedAtKill = new AtomicInteger(-1);

		private final AtomicInteger sentAtKill = new AtomicInteger(-1);

		/** When the last request failed that reached a live gateway (or was in flight on the killed one). */
		private final AtomicLong lastFailure = new AtomicLong();

		private final Map<String, Integer> failures = new ConcurrentHashMap<>();

		/** Acknowledged contacts and interactions (id to contact), as the gateway answered them. */
		final Map<UUID, Boolean> contacts = new ConcurrentHashMap<>();

		final Map<UUID, UUID> interactions = new ConcurrentHashMap<>();

		Load(List<GatewayClient> gateways) {
			this.gateways = gateways;
		}

		/** A writer: a contact, then an interaction with it, again and again until stopped. */
		void write() {
			while (writing.get()) {
				JsonNode contact = untilAcknowledged("POST", "/api/contacts",
						"{\"displayName\": \"Replica %d\", \"visibility\": \"TEAM\", \"cadence\": {\"tier\": \"INNER_CIRCLE\"}}"
							.formatted(sent.get()));
				if (contact == null) {
					return;
				}
				UUID contactId = UUID.fromString(contact.get("id").asString());
				contacts.put(contactId, true);
				JsonNode interaction = untilAcknowledged("POST", "/api/interactions", """
						{"participantIds": ["%s"], "type": "CALL", "timeZone": "UTC", "summary": "Call",
						 "followUps": [{"text": "Send the notes", "dueOn": "%s", "owedBy": "ME"}]}
						""".formatted(contactId, LocalDate.now(ZoneOffset.UTC).plusDays(2)));
				if (interaction == null) {
					return;
				}
				interactions.put(UUID.fromString(interaction.get("id").asString()), contactId);
			}
		}

		/**
		 * Sends the write to the gateway whose turn it is until one acknowledges it (201): a failure (no answer, or
		 * an error status) is tried again 100 ms later, on the next gateway. Null once the writers stop.
		 */
		private JsonNode untilAcknowledged(String method, String path, String body) {
			JsonNode[] answer = new JsonNode[1];
			await().atMost(PIPELINE)
				.pollInSameThread()
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> {
					if (!writing.get()) {
						return true;
					}
					int number = Math.floorMod(turn.getAndIncrement(), gateways.size());
					sent.incrementAndGet();
					String outcome;
					try {
						HttpResponse<String> response = gateways.get(number).call(method, path, body);
						if (response.statusCode() == 201) {
							answer[0] = JSON.readTree(response.body());
							acknowledged.incrementAndGet();
							return true;
						}
						outcome = "%s %s: %d from gateway %d".formatted(method, path, response.statusCode(), number + 1);
						lastFailure.set(System.nanoTime());
					}
					catch (IllegalStateException ex) {
						if (ex.getCause() instanceof ConnectException) {
							// The killed gateway: the request reached nothing, the next try goes to the other one.
							outcome = "%s %s: gateway %d refused the connection".formatted(method, path, number + 1);
						}
						else {
							outcome = "%s %s: no answer from gateway %d (%s)".formatted(method, path, number + 1,
									ex.getCause() == null ? ex.getMessage() : ex.getCause().getClass().getSimpleName());
							lastFailure.set(System.nanoTime());
						}
					}
					failed.incrementAndGet();
					failures.merge(outcome, 1, Integer::sum);
					return false;
				});
			return answer[0];
		}

		void awaitMoreAcknowledged(int more) {
			int target = acknowledged.get() + more;
			await().atMost(PIPELINE).until(() -> acknowledged.get() >= target);
		}

		void markKill() {
			sentAtKill.set(sent.get());
			acknowledgedAtKill.set(acknowledged.get());
		}

		void stop() {
			writing.set(false);
		}

		String report(long killedAt) {
			String recovery = lastFailure.get() == 0 ? "no request failed but for refused connections"
					: "the last failure other than a refused connection %.2f s after the kills"
						.formatted((lastFailure.get() - killedAt) / 1e9);
			return """
					replicas: %d writers, %d requests sent, %d acknowledged, %d failed (then retried); at the kills \
					%d sent and %d acknowledged; %s; failures: %s%n""".formatted(WRITERS, sent.get(),
					acknowledged.get(), failed.get(), sentAtKill.get(), acknowledgedAtKill.get(), recovery,
					new TreeMap<>(failures));
		}

	}

	/** The ReminderDue events of one team, each event once (a redelivery of the same event id is dropped). */
	private static final class Fired {

		private final String team;

		private final Set<String> eventIds = new HashSet<>();

		/** Reminder id to its kind, contact and how many distinct events said it fell due. */
		private final Map<String, String> kinds = new LinkedHashMap<>();

		private final Map<String, UUID> contactOf = new HashMap<>();

		private final Map<String, Integer> times = new HashMap<>();

		Fired(UUID team) {
			this.team = team.toString();
		}

		void read(KafkaConsumer<String, String> consumer) {
			for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
				Header type = record.headers().lastHeader(Topics.EVENT_TYPE_HEADER);
				if (type == null || !new String(type.value(), StandardCharsets.UTF_8).equals("ReminderDue")) {
					continue;
				}
				JsonNode event = JSON.readTree(record.value());
				if (team.equals(event.get("teamId").asString()) && eventIds.add(event.get("eventId").asString())) {
					String reminder = event.get("reminderId").asString();
					kinds.put(reminder, event.get("kind").asString());
					contactOf.put(reminder, UUID.fromString(event.get("contactId").asString()));
					times.merge(reminder, 1, Integer::sum);
				}
			}
		}

		/** Polls until the consumer's position has reached the end of every partition as it is now. */
		void readToTheEnd(KafkaConsumer<String, String> consumer) {
			Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
			await().atMost(Duration.ofSeconds(30))
				.until(() -> {
					read(consumer);
					return end.entrySet().stream().allMatch(partition -> consumer.position(partition.getKey()) >= partition.getValue());
				});
		}

		Set<UUID> nudged() {
			return new HashSet<>(of("KEEP_IN_TOUCH").values());
		}

		Set<String> followUps() {
			return of("FOLLOW_UP").keySet();
		}

		Map<String, Integer> firedMoreThanOnce() {
			Map<String, Integer> more = new TreeMap<>();
			times.forEach((reminder, count) -> {
				if (count > 1) {
					more.put(reminder, count);
				}
			});
			return more;
		}

		Map<UUID, Integer> nudgesPerContact() {
			return perContact("KEEP_IN_TOUCH");
		}

		Map<UUID, Integer> followUpsPerContact() {
			return perContact("FOLLOW_UP");
		}

		private Map<UUID, Integer> perContact(String kind) {
			Map<UUID, Integer> counts = new HashMap<>();
			of(kind).values().forEach(contact -> counts.merge(contact, 1, Integer::sum));
			return counts;
		}

		/** Reminder id to contact, for the reminders of one kind. */
		private Map<String, UUID> of(String kind) {
			Map<String, UUID> reminders = new HashMap<>();
			kinds.forEach((reminder, itsKind) -> {
				if (itsKind.equals(kind)) {
					reminders.put(reminder, contactOf.get(reminder));
				}
			});
			return reminders;
		}

	}

	private static GatewayClient signIn() {
		return GatewayClient.signIn(gateway(1), DemoIdentity.ADMIN_EMAIL,
				DemoIdentity.load(dataDir).orElseThrow().adminPassword());
	}

	private static java.net.URI gateway(int number) {
		return ports.instance(Service.GATEWAY, number).url();
	}

	/** Reminder events not yet published by reminders-service's outbox (both instances share its database). */
	private static long unpublished() throws SQLException {
		return count(Service.REMINDERS, "select count(*) from outbox_event where published_at is null", null);
	}

	private static Set<UUID> ids(Service service, String sql, UUID team) throws SQLException {
		Set<UUID> ids = new HashSet<>();
		try (Connection connection = service.openDatabase(ports);
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setObject(1, team);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					ids.add(rows.getObject(1, UUID.class));
				}
			}
		}
		return ids;
	}

	/** Each of the team's interactions and its (first and only) participant. */
	private static Map<UUID, UUID> interactionsByContact(UUID team) throws SQLException {
		Map<UUID, UUID> interactions = new HashMap<>();
		try (Connection connection = Service.INTERACTIONS.openDatabase(ports);
				PreparedStatement statement = connection
					.prepareStatement("select id, participant_ids[1] from interaction where team_id = ?")) {
			statement.setObject(1, team);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					interactions.put(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class));
				}
			}
		}
		return interactions;
	}

	private static long count(Service service, String sql, UUID team) throws SQLException {
		try (Connection connection = service.openDatabase(ports);
				PreparedStatement statement = connection.prepareStatement(sql)) {
			if (team != null) {
				statement.setObject(1, team);
			}
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	private static String console() {
		return CONSOLE.toString(StandardCharsets.UTF_8);
	}

	/** What devstack printed since the last time: the summary (RSS, startup), kills, restarts, clock, stop. */
	private static synchronized void printConsole() {
		String all = console();
		System.out.print(all.substring(Math.min(printed, all.length())));
		printed = all.length();
	}

}
