package dev.rapport.devstack.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import dev.rapport.devstack.stack.DemoIdentity;
import dev.rapport.devstack.stack.GatewayClient;
import dev.rapport.devstack.stack.Ports;
import dev.rapport.devstack.stack.Service;

/**
 * {@code devstack load}: drives the whole pipeline on a running devstack and measures it. An interaction written
 * through interactions-service's API travels through its outbox, Kafka and reminders-service's consumer into the
 * relationship state; "done" is when {@code GET /api/relationships/{contactId}} counts it.
 * <ul>
 * <li>Throughput: many interactions written by several clients at once; events per second is interactions counted in
 * reminders-service divided by the time from the first write to the last one counted.</li>
 * <li>Latency: one probe at a time, on an otherwise idle stack; from just before the API write until the updated
 * relationship is readable (polled every 2 ms), p50/p99.</li>
 * </ul>
 * Each run uses a team of its own, so it never mixes with the demo team's data.
 */
public final class PipelineLoad {

	private static final Duration POLL = Duration.ofMillis(2);

	private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(5);

	private final ObjectMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final PrintStream out;

	/** Through the gateway, or straight to each service's port (the pipeline without the gateway's hop). */
	private final boolean direct;

	private final Ports ports;

	private final String token;

	public PipelineLoad(DemoIdentity identity, Ports ports, boolean direct, PrintStream out) {
		this.out = out;
		this.ports = ports;
		this.direct = direct;
		this.token = direct ? identity.token(UUID.randomUUID(), UUID.randomUUID(), Set.of("admin"), Duration.ofHours(2),
				Clock.systemUTC()) : teamOfItsOwn(identity, ports.gatewayUrl());
	}

	/** Through the gateway, as its users do: a new team (the demo admin is operator) and its admin's access token. */
	private static String teamOfItsOwn(DemoIdentity identity, URI gateway) {
		String suffix = Long.toString(System.currentTimeMillis(), 36);
		String email = "load-" + suffix + "@rapport.local";
		String password = "load-" + UUID.randomUUID();
		GatewayClient.signIn(gateway, DemoIdentity.ADMIN_EMAIL, identity.adminPassword())
			.createTeam("Load " + suffix, email, password);
		return GatewayClient.signIn(gateway, email, password).createAccessToken("load");
	}

	record Figures(int contacts, int interactions, int concurrency, double writesPerSecond, double eventsPerSecond,
			int probes, long p50Micros, long p90Micros, long p99Micros, long maxMicros) {
	}

	public Figures run(int contactCount, int interactionCount, int concurrency, int probeCount) throws Exception {
		out.printf("Load %s: %d contacts, %d interactions from %d clients, then %d latency probes%n",
				direct ? "straight to each service" : "through the gateway",
				contactCount, interactionCount, concurrency, probeCount);
		List<UUID> contacts = createContacts(contactCount, concurrency);
		out.printf("  %d contacts created and known to reminders-service%n", contacts.size());

		Map<UUID, AtomicInteger> expected = new HashMap<>();
		contacts.forEach(contact -> expected.put(contact, new AtomicInteger()));
		long started = System.nanoTime();
		try (ExecutorService clients = Executors.newFixedThreadPool(concurrency)) {
			List<Future<?>> writes = new ArrayList<>();
			for (int i = 0; i < interactionCount; i++) {
				UUID contact = contacts.get(i % contacts.size());
				expected.get(contact).incrementAndGet();
				writes.add(clients.submit(() -> logInteraction(contact)));
			}
			for (Future<?> write : writes) {
				write.get();
			}
		}
		long written = System.nanoTime();
		awaitCounted(expected);
		long counted = System.nanoTime();
		double writesPerSecond = interactionCount / seconds(written - started);
		double eventsPerSecond = interactionCount / seconds(counted - started);
		out.printf("  throughput: %d writes acknowledged in %.1f s (%.0f/s); all counted by reminders-service after "
				+ "%.1f s: %.0f events/s end to end%n", interactionCount, seconds(written - started),
				writesPerSecond, seconds(counted - started), eventsPerSecond);

		long[] latencies = new long[probeCount];
		for (int i = 0; i < probeCount; i++) {
			UUID contact = contacts.get(i % contacts.size());
			int before = expected.get(contact).incrementAndGet();
			long start = System.nanoTime();
			logInteraction(contact);
			while (interactionCount(contact) < before) {
				Thread.sleep(POLL);
			}
			latencies[i] = (System.nanoTime() - start) / 1_000;
		}
		Arrays.sort(latencies);
		Figures figures = new Figures(contactCount, interactionCount, concurrency, writesPerSecond, eventsPerSecond,
				probeCount, percentile(latencies, 50), percentile(latencies, 90), percentile(latencies, 99),
				latencies[latencies.length - 1]);
		out.printf("  latency, API write to updated relationship: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms "
				+ "(%d probes)%n", figures.p50Micros() / 1000.0, figures.p90Micros() / 1000.0,
				figures.p99Micros() / 1000.0, figures.maxMicros() / 1000.0, probeCount);
		return figures;
	}

	private List<UUID> createContacts(int count, int concurrency) throws Exception {
		List<UUID> contacts = new ArrayList<>();
		try (ExecutorService clients = Executors.newFixedThreadPool(concurrency)) {
			List<Future<UUID>> created = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String body = """
						{"displayName": "Load contact %d", "visibility": "TEAM", "cadence": {"tier": "NETWORK"}}
						""".formatted(i);
				created.add(clients.submit(() -> UUID
					.fromString(send("POST", "/api/contacts", body, 201).get("id").asString())));
			}
			for (Future<UUID> contact : created) {
				contacts.add(contact.get());
			}
		}
		// The pipeline is measured from here: every contact is known downstream before the first interaction.
		long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
		for (UUID contact : contacts) {
			while (interactionCount(contact) < 0) {
				failAfter(deadline, "reminders-service never learnt of contact " + contact);
				Thread.sleep(POLL);
			}
		}
		return contacts;
	}

	private void logInteraction(UUID contact) {
		String body = """
				{"participantIds": ["%s"], "type": "CALL", "timeZone": "Europe/Paris", "summary": "Load test call",
				 "questions": ["How is the project going?"]}
				""".formatted(contact);
		// Right after its ContactCreated, interactions-service may not know the contact yet: 400, try again.
		long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
		while (true) {
			HttpResponse<String> response = request("POST", "/api/interactions", body);
			if (response.statusCode() == 201) {
				return;
			}
			if (response.statusCode() != 400 || !response.body().contains("participantIds")) {
				throw new IllegalStateException("POST /api/interactions answered " + response.statusCode() + ": "
						+ response.body());
			}
			failAfter(deadline, "interactions-service never learnt of contact " + contact);
			sleep(POLL);
		}
	}

	/** The relationship's interaction count, or -1 while reminders-service does not know the contact yet. */
	private int interactionCount(UUID contact) {
		HttpResponse<String> response = request("GET", "/api/relationships/" + contact, null);
		if (response.statusCode() == 404) {
			return -1;
		}
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET /api/relationships answered " + response.statusCode());
		}
		return json.readTree(response.body()).get("interactionCount").asInt();
	}

	private void awaitCounted(Map<UUID, AtomicInteger> expected) throws InterruptedException {
		long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
		for (Map.Entry<UUID, AtomicInteger> contact : expected.entrySet()) {
			while (interactionCount(contact.getKey()) < contact.getValue().get()) {
				failAfter(deadline, "reminders-service did not count every interaction");
				Thread.sleep(POLL);
			}
		}
	}

	private JsonNode send(String method, String path, String body, int expectedStatus) {
		HttpResponse<String> response = request(method, path, body);
		if (response.statusCode() != expectedStatus) {
			throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
					+ response.body());
		}
		return json.readTree(response.body());
	}

	private HttpResponse<String> request(String method, String path, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(ports.url(serviceFor(path)).resolve(path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token);
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method,
				body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed: " + ex.getMessage()
					+ " (is devstack up?)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private Service serviceFor(String path) {
		return Service.named(!direct ? "gateway" : path.startsWith("/api/contacts") ? "contacts"
				: path.startsWith("/api/interactions") ? "interactions" : "reminders");
	}

	private static void failAfter(long deadline, String message) {
		if (System.nanoTime() > deadline) {
			throw new IllegalStateException(message + " within " + SETTLE_TIMEOUT.toMinutes() + " minutes");
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	static long percentile(long[] sorted, int percent) {
		int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
		return sorted[Math.max(0, rank - 1)];
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

}
