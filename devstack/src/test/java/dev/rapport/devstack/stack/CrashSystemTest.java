package dev.rapport.devstack.stack;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.rapport.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults under load, on the real processes: writers create and change contacts straight at contacts-service while
 * it is killed with SIGKILL (its outbox relay sending) and started again, and then while the broker is stopped and
 * started again. Every write the API acknowledged (201, 200) must reach {@code rapport.contacts.v1} (a redelivery
 * of one already seen aside, which consumers drop by event id), and each contact's events must arrive in the order
 * of its versions. The outage lasts until the relay has waited a send out longer than its send timeout (the system
 * tests run with {@code RAPPORT_OUTBOX_SENDTIMEOUT=2s}): the relay must wait its sends out rather than give up on one
 * and resend it behind later ones, which is how this test once caught it reordering a contact's events (versions
 * 21-28 after 29-73).
 */
@ExtendWith(RunningDevstack.class)
@Order(6) // kills contacts-service and stops the broker; before the key rotation (junit-platform.properties)
class CrashSystemTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int WRITERS = 4;

	@Test
	void noAcknowledgedWriteIsLostWhenTheServiceIsKilledOrTheBrokerStopsMidStream() throws Exception {
		RunningDevstack devstack = RunningDevstack.get();
		URI contacts = devstack.url("contacts");
		String token = "Bearer " + devstack.identity()
			.token(UUID.randomUUID(), UUID.randomUUID(), Set.of("member"), Duration.ofHours(1), Clock.systemUTC());

		Map<String, Set<Long>> acknowledged = new ConcurrentHashMap<>();
		AtomicInteger acks = new AtomicInteger();
		AtomicBoolean writing = new AtomicBoolean(true);
		try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < WRITERS; i++) {
				running.add(writers.submit(() -> write(contacts, token, writing, acknowledged, acks)));
			}
			int atKill;
			try {
				awaitMore(acks, 60);
				devstack.killService("contacts");
				atKill = acks.get();
				devstack.restartService("contacts");
				awaitMore(acks, 60);

				// The restarted relay has reached the broker (a cold start may wait out its metadata once), so what
				// follows is the outage alone.
				Relay before = await().atMost(Duration.ofSeconds(60))
					.until(() -> Relay.of(devstack), relay -> relay.published() > 0);
				devstack.stopBroker();
				awaitMore(acks, 40);
				// The outage lasts until the relay has waited a send out longer than its send timeout: a relay that
				// gave up at the timeout (and resent behind later records) never gets there.
				await().atMost(Duration.ofSeconds(60))
					.alias("a send the relay waited out for longer than its send timeout, during the outage")
					.until(() -> Relay.of(devstack).stalls() > before.stalls());
				devstack.startBroker();
				awaitMore(acks, 40);
				assertThat(Relay.of(devstack).failures()).as("relay rounds that gave up on a send during the outage")
					.isEqualTo(before.failures());
			}
			finally {
				writing.set(false); // also when an assertion above fails: the writers stop, the executor closes
			}
			for (Future<?> writer : running) {
				writer.get();
			}
			System.out.printf("crash: %d acknowledged writes on %d contacts, %d before the SIGKILL%n", acks.get(),
					acknowledged.size(), atKill);
		}

		Map<String, List<Long>> seen = new LinkedHashMap<>();
		Set<String> eventIds = new HashSet<>();
		try (KafkaConsumer<String, String> consumer = devstack.readFromBeginning(Topics.CONTACTS)) {
			// Until everything acknowledged has arrived, or two minutes: the assertion below names what is missing.
			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> {
					read(consumer, acknowledged.keySet(), seen, eventIds);
					return missing(acknowledged, seen).isEmpty();
				});
		}
		catch (ConditionTimeoutException ex) {
			// Reported by the assertion below.
		}
		assertThat(missing(acknowledged, seen)).as("acknowledged writes whose event never arrived").isEmpty();
		seen.forEach((contact, versions) -> assertThat(versions).as("versions of contact %s", contact)
			.doesNotHaveDuplicates());
		seen.forEach((contact, versions) -> assertThat(versions).as("versions of contact %s in arrival order", contact)
			.isSorted());
	}

	/**
	 * Adds each contact's versions as they arrive; a redelivery (an event id seen before) is left out, since every
	 * consumer drops it: what they apply is each first copy.
	 */
	private static void read(KafkaConsumer<String, String> consumer, Set<String> contacts,
			Map<String, List<Long>> seen, Set<String> eventIds) {
		for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
			if (contacts.contains(record.key())) {
				JsonNode event = JSON.readTree(record.value());
				if (eventIds.add(event.get("eventId").asString())) {
					seen.computeIfAbsent(record.key(), key -> new ArrayList<>())
						.add(event.get("contact").get("version").asLong());
				}
			}
		}
	}

	/**
	 * Creates a contact of its own, then changes it again and again, recording each acknowledged version. While the
	 * service does not answer (killed, restarting) a write is tried again every 100 ms until it is acknowledged.
	 */
	private static void write(URI contacts, String token, AtomicBoolean writing, Map<String, Set<Long>> acknowledged,
			AtomicInteger acks) {
		Writer writer = new Writer(contacts, token, acknowledged, acks);
		while (writing.get()) {
			await().atMost(Duration.ofSeconds(120))
				.pollInSameThread()
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> !writing.get() || writer.writeOnce());
		}
	}

	/** One writer's contact and the changes it made to it. */
	private static final class Writer {

		private final URI contacts;

		private final String token;

		private final Map<String, Set<Long>> acknowledged;

		private final AtomicInteger acks;

		private String id;

		private int change;

		Writer(URI contacts, String token, Map<String, Set<Long>> acknowledged, AtomicInteger acks) {
			this.contacts = contacts;
			this.token = token;
			this.acknowledged = acknowledged;
			this.acks = acks;
		}

		/** Creates the contact, or changes it; whether the service acknowledged the write (201, 200). */
		boolean writeOnce() {
			try {
				HttpResponse<String> response = id == null
						? SystemHttp.send(contacts, "POST", "/api/contacts", token,
								"{\"displayName\": \"Crash test\", \"visibility\": \"TEAM\"}", "application/json")
						: SystemHttp.send(contacts, "PATCH", "/api/contacts/" + id, token,
								"{\"title\": \"change %d\"}".formatted(++change), "application/merge-patch+json");
				if (response.statusCode() != 201 && response.statusCode() != 200) {
					return false;
				}
				JsonNode contact = JSON.readTree(response.body());
				id = contact.get("id").asString();
				acknowledged.computeIfAbsent(id, key -> ConcurrentHashMap.newKeySet()).add(contact.get("version").asLong());
				acks.incrementAndGet();
				return true;
			}
			catch (IllegalStateException ex) {
				return false; // no answer (the service is down): not acknowledged
			}
		}

	}

	/** contacts-service's relay counters, from its Prometheus endpoint. */
	private record Relay(double published, double stalls, double failures) {

		static Relay of(RunningDevstack devstack) {
			String metrics = SystemHttp.send(devstack.managementUrl("contacts"), "GET", "/actuator/prometheus", null, null, null)
				.body();
			return new Relay(counter(metrics, "rapport_outbox_published_total"),
					counter(metrics, "rapport_outbox_publish_stalls_total"),
					counter(metrics, "rapport_outbox_publish_failures_total"));
		}

		private static double counter(String metrics, String name) {
			return metrics.lines()
				.filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
				.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.sum();
		}

	}

	private static Map<String, Set<Long>> missing(Map<String, Set<Long>> acknowledged, Map<String, List<Long>> seen) {
		Map<String, Set<Long>> missing = new LinkedHashMap<>();
		acknowledged.forEach((contact, versions) -> {
			Set<Long> left = new HashSet<>(versions);
			left.removeAll(seen.getOrDefault(contact, List.of()));
			if (!left.isEmpty()) {
				missing.put(contact, left);
			}
		});
		return missing;
	}

	private static void awaitMore(AtomicInteger acks, int more) {
		int target = acks.get() + more;
		await().atMost(Duration.ofSeconds(120)).until(() -> acks.get() >= target);
	}

}
