package dev.rapport.contacts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.Topics;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ContactBurst;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TestTokens;
import dev.rapport.platform.test.TopicReader;
import dev.rapport.platform.test.TopicReader.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * contacts-service's part of handing a leaving member's 10,000 contacts over: the request (every contact locked,
 * rewritten, recorded in the history, two outbox rows each, one transaction), the outbox drained to the broker, and
 * every ContactHandedOff read back from the topic. Not part of the test suite (the name does not end in Test); run:
 *
 * <pre>./mvnw -pl contacts-service -am test -Dtest=HandoffBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * ({@code -Dbenchmark.rows=...} for another size, at most 10,000). Figures go to
 * {@code contacts-service/target/benchmarks/handoff.md}; reminders-service's HandoffIntakeBenchmark is the consumer's.
 */
@ServiceIntegrationTest
class HandoffBenchmark {

	static final int ROWS = Integer.getInteger("benchmark.rows", 10_000);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void handsTenThousandContactsOver() throws IOException, InterruptedException {
		UUID team = UUID.randomUUID();
		UUID leaver = UUID.randomUUID();
		UUID successor = UUID.randomUUID();
		// Seeded in SQL: what is measured is the handoff, not how the contacts came to be.
		jdbc.sql("""
				insert into contact (id, team_id, owner_id, display_name, visibility, created_at, updated_at, version,
				  search_text)
				select gen_random_uuid(), :team, :owner, 'Person ' || n, case when n % 2 = 0 then 'TEAM' else 'PRIVATE' end,
				  now(), now(), 1, 'person ' || n
				from generate_series(1, :rows) n
				""").param("team", team).param("owner", leaver).param("rows", ROWS).update();
		String admin = TestTokens.token(UUID.randomUUID(), team, "admin");

		String loadBefore = ContactBurst.loadAverage();
		long start = System.nanoTime();
		// Not ApiClient: its 30 s timeout is for ordinary requests.
		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/contacts/handoff"))
				.timeout(Duration.ofMinutes(10))
				.header("Authorization", "Bearer " + admin)
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString("{\"fromMemberId\": \"" + leaver + "\", \"toMemberId\": \"" + successor
						+ "\"}"))
				.build(), BodyHandlers.ofString());
		long answered = System.nanoTime();
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(ApiClient.json(answer.body()).get("handedOff").asInt()).isEqualTo(ROWS);
		Awaitility.await()
			.atMost(Duration.ofMinutes(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> jdbc.sql("select count(*) from outbox_event where published_at is null")
				.query(Long.class)
				.single() == 0);
		long published = System.nanoTime();
		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.CONTACTS)) {
			List<Message> handedOff = reader.awaitMessages(
					m -> "ContactHandedOff".equals(m.type()) && m.value().contains(team.toString()),
					received -> received.size() >= ROWS, Duration.ofMinutes(10));
			assertThat(handedOff).hasSize(ROWS);
		}
		long read = System.nanoTime();
		assertThat(jdbc.sql("select count(*) from contact where team_id = :team and owner_id = :owner")
			.param("team", team)
			.param("owner", successor)
			.query(Long.class)
			.single()).isEqualTo(ROWS);

		String report = """
				## Handoff of %,d contacts (all of one member's, half of them private), contacts-service alone

				JVM %s, %d cores; embedded PostgreSQL and Kafka broker in the same JVM.

				| step | time | contacts/s |
				|---|---|---|
				| POST /api/contacts/handoff answered (lock, owner and version, history, 2 outbox rows each; one transaction) | %.1f s | %,.0f |
				| outbox drained to the broker (ContactHandedOff + ContactState each) | %.1f s | |
				| request to every ContactHandedOff read back from the topic | %.1f s | %,.0f |

				Load average (1, 5, 15 min) before: %s; after: %s (other processes share the machine).
				""".formatted(ROWS, Runtime.version(), Runtime.getRuntime().availableProcessors(),
				seconds(start, answered), ROWS / seconds(start, answered), seconds(answered, published),
				seconds(start, read), ROWS / seconds(start, read), loadBefore, ContactBurst.loadAverage());
		Path out = Path.of("target", "benchmarks", "handoff.md");
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
		System.out.println(report);
	}

	static double seconds(long from, long to) {
		return (to - from) / 1e9;
	}

}
