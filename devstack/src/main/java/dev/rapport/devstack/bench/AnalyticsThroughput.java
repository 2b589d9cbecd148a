package dev.rapport.devstack.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.rapport.devstack.stack.DemoIdentity;
import dev.rapport.devstack.stack.Ports;
import dev.rapport.devstack.stack.Service;
import dev.rapport.events.AnalyticsFact;
import dev.rapport.events.ConversationFact;
import dev.rapport.events.ConversationFact.FollowUpFact;
import dev.rapport.events.EventCodec;
import dev.rapport.events.InteractionSnapshot;
import dev.rapport.events.RelationshipState;
import dev.rapport.events.RelationshipTransition;
import dev.rapport.events.Topics;
import dev.rapport.platform.outbox.EventRecords;

/**
 * {@code devstack analytics-bench}: how many analytics facts a second analytics-service turns into insights, on a
 * running devstack. The services' write path is far slower than the stream processor (see {@code devstack load}), so
 * this writes the analytics tier directly, as the services' outbox relays would (the same CloudEvents records):
 * conversation facts of the last eight weeks for teams of its own (1–3 people each, half with a follow-up, one in ten
 * sent again as an update), and a cooling and a rewarm for one contact in ten. Then it asks each team's
 * {@code GET /api/insights/weekly} until every conversation, cooling and rewarm is counted. Facts per second is the
 * records written divided by the time from the first send to the last team's report being complete, so it covers the
 * whole topology (repartitions, aggregations, the output topics and the global tables the API reads); the producer's
 * own rate beside it shows the writing ran ahead of the processing, so the processing is what was measured; the CPU
 * time analytics-service used (its {@code process.cpu.time}) gives records per CPU second, which says less about
 * what else the machine was doing.
 */
public final class AnalyticsThroughput {

	private static final int MEMBERS_PER_TEAM = 8;

	private static final int CONTACTS_PER_TEAM = 400;

	private static final Duration POLL = Duration.ofMillis(250);

	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	private static final List<String> ZONES = List.of("Europe/Paris", "America/New_York", "Asia/Singapore", "UTC");

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final EventCodec codec = new EventCodec();

	private final Random random = new Random(84);

	private final DemoIdentity identity;

	private final Ports ports;

	private final PrintStream out;

	public AnalyticsThroughput(DemoIdentity identity, Ports ports, PrintStream out) {
		this.identity = identity;
		this.ports = ports;
		this.out = out;
	}

	public void run(int facts, int teams) throws InterruptedException {
		Instant now = analyticsClock();
		List<Team> bench = new ArrayList<>();
		for (int i = 0; i < teams; i++) {
			bench.add(new Team(UUID.randomUUID(), ids(MEMBERS_PER_TEAM), ids(CONTACTS_PER_TEAM)));
		}
		List<AnalyticsFact> records = new ArrayList<>();
		Map<UUID, Expected> expected = new HashMap<>();
		for (int i = 0; i < facts; i++) {
			Team team = bench.get(i % teams);
			ConversationFact fact = conversation(team, now);
			records.add(fact);
			if (random.nextInt(10) == 0) {
				records.add(updated(fact));
			}
			expected.merge(team.id(), new Expected(1, 0), Expected::plus);
		}
		for (Team team : bench) {
			for (UUID contact : team.contacts().subList(0, CONTACTS_PER_TEAM / 10)) {
				UUID owner = team.members().get(random.nextInt(MEMBERS_PER_TEAM));
				Instant cooled = now.minus(random.nextInt(14, 50), ChronoUnit.DAYS);
				records.add(new RelationshipTransition(UUID.randomUUID(), cooled, RelationshipTransition.SCHEMA_VERSION,
						contact, team.id(), owner, RelationshipState.DUE, RelationshipState.COOLING));
				records.add(new RelationshipTransition(UUID.randomUUID(), cooled.plus(random.nextInt(1, 12),
						ChronoUnit.DAYS), RelationshipTransition.SCHEMA_VERSION, contact, team.id(), owner,
						RelationshipState.COOLING, RelationshipState.WARM));
				expected.merge(team.id(), new Expected(0, 1), Expected::plus);
			}
		}
		Map<UUID, String> tokens = new HashMap<>();
		bench.forEach(team -> tokens.put(team.id(), identity.token(team.members().getFirst(), team.id(),
				Set.of("member"), Duration.ofHours(2), Clock.systemUTC())));
		awaitReady(tokens.values().iterator().next());

		out.printf("Writing %,d records (%,d conversation facts, %,d updates, %,d transitions) for %d teams%n",
				records.size(), facts, records.stream().filter(ConversationFact.class::isInstance).count() - facts,
				records.stream().filter(RelationshipTransition.class::isInstance).count(), teams);
		double cpuBefore = analyticsCpuSeconds();
		long start = System.nanoTime();
		try (KafkaProducer<String, byte[]> producer = producer()) {
			for (AnalyticsFact record : records) {
				producer.send(EventRecords.of(Topics.of(record), record.key(), record.eventId(), record.type(),
						record.occurredAt(), "analytics-bench", codec.serialize(record)));
			}
			producer.flush();
		}
		double written = seconds(start);
		Map<UUID, Expected> pending = new HashMap<>(expected);
		while (!pending.isEmpty()) {
			if (seconds(start) > TIMEOUT.toSeconds()) {
				throw new IllegalStateException("Not counted after " + TIMEOUT + ": " + pending.size() + " teams");
			}
			Thread.sleep(POLL);
			pending.entrySet().removeIf(team -> counted(tokens.get(team.getKey())).equals(team.getValue()));
		}
		double counted = seconds(start);
		double cpu = analyticsCpuSeconds() - cpuBefore;
		out.printf("  written in %.1f s: %,.0f records/s by the producer%n", written, records.size() / written);
		out.printf("  counted in every team's insights %.1f s after the first send: %,.0f records/s through "
				+ "analytics-service (%.0f %% of the producer's rate)%n", counted, records.size() / counted,
				100 * written / counted);
		out.printf("  analytics-service used %.1f s of CPU for them: %,.0f records per CPU second%n", cpu,
				records.size() / cpu);
	}

	private ConversationFact conversation(Team team, Instant now) {
		Instant happenedAt = now.minus(random.nextLong(55L * 24 * 60), ChronoUnit.MINUTES);
		String zone = ZONES.get(random.nextInt(ZONES.size()));
		List<UUID> contacts = new ArrayList<>();
		for (int people = random.nextInt(1, 4); contacts.size() < people;) {
			UUID contact = team.contacts().get(random.nextInt(CONTACTS_PER_TEAM));
			if (!contacts.contains(contact)) {
				contacts.add(contact);
			}
		}
		List<FollowUpFact> followUps = new ArrayList<>();
		if (random.nextBoolean()) {
			LocalDate dueOn = LocalDate.ofInstant(happenedAt, ZoneId.of(zone)).plusDays(random.nextInt(7));
			Instant completedAt = random.nextBoolean() ? null : happenedAt.plus(random.nextInt(1, 10), ChronoUnit.DAYS);
			followUps.add(new FollowUpFact(UUID.randomUUID(), dueOn, InteractionSnapshot.FollowUp.Owner.ME,
					completedAt != null && completedAt.isBefore(now) ? completedAt : null));
		}
		return new ConversationFact(UUID.randomUUID(), happenedAt, ConversationFact.SCHEMA_VERSION, UUID.randomUUID(),
				team.id(), team.members().get(random.nextInt(MEMBERS_PER_TEAM)), contacts,
				InteractionSnapshot.Type.CALL, happenedAt, zone, followUps, 1);
	}

	/** The same conversation once its author has changed it: its follow-ups done, one version on. */
	private static ConversationFact updated(ConversationFact fact) {
		return new ConversationFact(UUID.randomUUID(), fact.occurredAt().plusSeconds(60), fact.schemaVersion(),
				fact.interactionId(), fact.teamId(), fact.authorId(), fact.contactIds(), fact.interactionType(),
				fact.happenedAt(), fact.timeZone(), fact.followUps()
					.stream()
					.map(followUp -> new FollowUpFact(followUp.id(), followUp.dueOn(), followUp.owedBy(),
							fact.happenedAt().plusSeconds(3600)))
					.toList(),
				fact.version() + 1);
	}

	/** What the team's report of the last twelve weeks adds up to, conversations and cooling episodes. */
	private Expected counted(String token) {
		JsonNode report = get(ports.url(Service.ANALYTICS), "/api/insights/weekly?weeks=12", token);
		long conversations = 0;
		long episodes = 0;
		for (JsonNode week : report.get("weeks")) {
			conversations += week.get("team").get("conversations").asLong();
			episodes += week.get("team").get("rewarmed").asLong();
		}
		return new Expected(conversations, episodes);
	}

	private void awaitReady(String token) throws InterruptedException {
		long start = System.nanoTime();
		while (status(ports.url(Service.ANALYTICS), "/api/insights/weekly?weeks=1", token) != 200) {
			if (seconds(start) > 120) {
				throw new IllegalStateException("analytics-service does not answer at " + ports.url(Service.ANALYTICS)
						+ ": is devstack up?");
			}
			Thread.sleep(POLL);
		}
	}

	private Instant analyticsClock() {
		JsonNode clock = get(ports.managementUrl(Service.ANALYTICS), "/actuator/clock",
				identity.demoToken(Clock.systemUTC()));
		return Instant.parse(clock.get("now").asString());
	}

	/** The CPU time analytics-service's JVM has used, from its Prometheus endpoint ({@code process.cpu.time}). */
	private double analyticsCpuSeconds() {
		HttpResponse<String> metrics = send(ports.managementUrl(Service.ANALYTICS), "/actuator/prometheus",
				identity.demoToken(Clock.systemUTC()));
		return metrics.body()
			.lines()
			.filter(line -> line.startsWith("process_cpu_time_ns_total"))
			.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) / 1e9)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("analytics-service reports no process_cpu_time_ns_total"));
	}

	private KafkaProducer<String, byte[]> producer() {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ports.kafkaBootstrap());
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.LINGER_MS_CONFIG, 10);
		properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
	}

	private JsonNode get(URI base, String path, String token) {
		HttpResponse<String> response = send(base, path, token);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
		}
		return json.readTree(response.body());
	}

	private int status(URI base, String path, String token) {
		try {
			return send(base, path, token).statusCode();
		}
		catch (IllegalStateException ex) {
			return -1;
		}
	}

	private HttpResponse<String> send(URI base, String path, String token) {
		HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + base.resolve(path) + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private List<UUID> ids(int count) {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(UUID.randomUUID());
		}
		return ids;
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	private record Team(UUID id, List<UUID> members, List<UUID> contacts) {
	}

	/** A team's conversations and its cooling episodes (each a cooling and a rewarm). */
	private record Expected(long conversations, long episodes) {

		Expected plus(Expected other) {
			return new Expected(conversations + other.conversations, episodes + other.episodes);
		}

	}

}
