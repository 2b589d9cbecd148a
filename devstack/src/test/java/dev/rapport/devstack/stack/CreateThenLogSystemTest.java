package dev.rapport.devstack.stack;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The product's most common flow, through the gateway with an access token as a client would: create a contact, and
 * in the very next request log a conversation with them. Every attempt succeeds at once (no retry), also while the
 * broker is down; once it is back, every acknowledged write reaches reminders-service.
 */
@ExtendWith(RunningDevstack.class)
@Order(5) // stops and restarts the broker; before the key rotation, which must stay last (junit-platform.properties)
class CreateThenLogSystemTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int ATTEMPTS = 100;

	private static final int DURING_OUTAGE = 20;

	@Test
	void aContactJustCreatedCanBeNamedInTheNextRequestAlsoWhileTheBrokerIsDown() {
		RunningDevstack devstack = RunningDevstack.get();
		URI gateway = devstack.gateway();
		String token = "Bearer " + devstack.signInAsAdmin().createAccessToken("create-then-log");

		String known = createContact(gateway, token, "Known already");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> logCoffee(gateway, token, known).statusCode() == 201);

		List<Long> justCreatedNanos = new ArrayList<>();
		List<Long> knownNanos = new ArrayList<>();
		for (int i = 0; i < ATTEMPTS; i++) {
			String contact = createContact(gateway, token, "Just met " + i);
			justCreatedNanos.add(timedCoffee(gateway, token, contact, "just created, attempt " + i));
			knownNanos.add(timedCoffee(gateway, token, known, "known contact, attempt " + i));
		}
		System.out.printf("create-then-log: POST /api/interactions through the gateway, %d each, p50 %.1f ms for a "
				+ "contact created the request before, %.1f ms for one the replica knew (added %.1f ms)%n", ATTEMPTS,
				p50(justCreatedNanos), p50(knownNanos), p50(justCreatedNanos) - p50(knownNanos));

		devstack.stopBroker();
		List<String> duringOutage = new ArrayList<>();
		try {
			for (int i = 0; i < DURING_OUTAGE; i++) {
				String contact = createContact(gateway, token, "Met while Kafka was down " + i);
				duringOutage.add(contact);
				timedCoffee(gateway, token, contact, "during the broker outage, attempt " + i);
				}
		}
		finally {
			devstack.startBroker();
		}

		// Acknowledged while the broker was away: each contact and its conversation reach reminders-service.
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			for (String contact : duringOutage) {
				HttpResponse<String> relationship = SystemHttp.send(gateway, "GET", "/api/relationships/" + contact,
						token, null, null);
				assertThat(relationship.statusCode()).as("relationship of %s: %s", contact, relationship.body())
					.isEqualTo(200);
				assertThat(JSON.readTree(relationship.body()).get("interactionCount").asInt()).isEqualTo(1);
			}
		});
	}

	/** What the API acknowledged survives a power cut: devstack's PostgreSQL commits to disk (no --no-fsync here). */
	@Test
	void devstacksPostgresqlIsDurable() throws Exception {
		try (Connection connection = DriverManager.getConnection(
				RunningDevstack.get().ports().jdbcUrl("contacts"), Postgres.USER, Postgres.PASSWORD);
				Statement statement = connection.createStatement()) {
			for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
				try (ResultSet result = statement.executeQuery("show " + setting)) {
					assertThat(result.next()).isTrue();
					assertThat(result.getString(1)).as(setting).isEqualTo("on");
				}
			}
		}
	}

	private static String createContact(URI gateway, String token, String name) {
		HttpResponse<String> created = SystemHttp.send(gateway, "POST", "/api/contacts", token,
				"{\"displayName\": \"%s\", \"visibility\": \"PRIVATE\"}".formatted(name), "application/json");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body()).get("id").asString();
	}

	private static long timedCoffee(URI gateway, String token, String contact, String what) {
		long started = System.nanoTime();
		HttpResponse<String> logged = logCoffee(gateway, token, contact);
		long nanos = System.nanoTime() - started;
		assertThat(logged.statusCode()).as("%s: %s", what, logged.body()).isEqualTo(201);
		return nanos;
	}

	private static HttpResponse<String> logCoffee(URI gateway, String token, String contact) {
		return SystemHttp.send(gateway, "POST", "/api/interactions", token,
				"{\"participantIds\": [\"%s\"], \"type\": \"COFFEE_OR_MEAL\", \"timeZone\": \"Europe/Paris\", "
						.formatted(contact) + "\"summary\": \"Just met: talked about her move to Turin\"}",
				"application/json");
	}

	private static double p50(List<Long> nanos) {
		List<Long> sorted = nanos.stream().sorted().toList();
		return sorted.get(sorted.size() / 2) / 1e6;
	}

}
