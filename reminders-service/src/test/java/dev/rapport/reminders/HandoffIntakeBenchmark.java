package dev.rapport.reminders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.ContactHandedOff;
import dev.rapport.platform.test.ContactBurst;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TopicWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * reminders-service's part of handing a leaving member's 10,000 contacts over: their relationships made first (a
 * ContactCreated burst, a birthday reminder each), then a ContactHandedOff each, timed until every relationship and
 * every date reminder is the successor's. Not part of the test suite (the name does not end in Test); run:
 *
 * <pre>./mvnw -pl reminders-service -am test -Dtest=HandoffIntakeBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * ({@code -Dbenchmark.rows=...} for another size). Figures go to {@code target/benchmarks/handoff-intake.md}.
 */
@ServiceIntegrationTest
class HandoffIntakeBenchmark {

	static final int ROWS = Integer.getInteger("benchmark.rows", 10_000);

	@Autowired
	JdbcClient jdbc;

	@Test
	void givesTenThousandRelationshipsToTheirNewOwner() throws IOException {
		UUID team = UUID.randomUUID();
		ContactBurst.run("reminders-service's relationships", ROWS, team, () -> count(
				"select count(*) from relationship where team_id = :team and known", team, null),
				Path.of("target/benchmarks/handoff-intake-seed.md"));
		UUID leaver = jdbc.sql("select distinct owner_id from relationship where team_id = :team")
			.param("team", team)
			.query(UUID.class)
			.single();
		UUID successor = UUID.randomUUID();
		UUID handoff = UUID.randomUUID();
		UUID admin = UUID.randomUUID();
		Instant now = Instant.now();
		List<ContactHandedOff> events = jdbc.sql("select contact_id from relationship where team_id = :team")
			.param("team", team)
			.query(UUID.class)
			.list()
			.stream()
			.map(contact -> ContactHandedOff.of(contact, team, leaver, successor, handoff, admin, now))
			.toList();
		long dateReminders = count("select count(*) from reminder where team_id = :team and kind = 'IMPORTANT_DATE'"
				+ " and status in ('PENDING', 'DUE')", team, null);

		String loadBefore = ContactBurst.loadAverage();
		long start = System.nanoTime();
		try (TopicWriter writer = new TopicWriter()) {
			writer.sendAll(events);
		}
		long sent = System.nanoTime();
		Awaitility.await()
			.atMost(Duration.ofMinutes(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> count("select count(*) from relationship where team_id = :team and owner_id = :owner", team,
					successor) == ROWS);
		long applied = System.nanoTime();
		assertThat(count("select count(*) from reminder where team_id = :team and kind = 'IMPORTANT_DATE'"
				+ " and status in ('PENDING', 'DUE') and user_id = :owner", team, successor)).isEqualTo(dateReminders);

		String report = """
				## reminders-service applying %,d ContactHandedOff (one member's relationships, %,d open date reminders)

				JVM %s, %d cores; embedded PostgreSQL and Kafka broker in the same JVM.

				| step | time | events/s |
				|---|---|---|
				| sent to the broker (every acknowledgement) | %.1f s | %,.0f |
				| first send to every relationship and reminder the successor's | %.1f s | %,.0f |

				Load average (1, 5, 15 min) before: %s; after: %s (other processes share the machine).
				""".formatted(ROWS, dateReminders, Runtime.version(), Runtime.getRuntime().availableProcessors(),
				seconds(start, sent), ROWS / seconds(start, sent), seconds(start, applied),
				ROWS / seconds(start, applied), loadBefore, ContactBurst.loadAverage());
		Path out = Path.of("target", "benchmarks", "handoff-intake.md");
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
		System.out.println(report);
	}

	private long count(String sql, UUID team, UUID owner) {
		var statement = jdbc.sql(sql).param("team", team);
		if (owner != null) {
			statement = statement.param("owner", owner);
		}
		return statement.query(Long.class).single();
	}

	static double seconds(long from, long to) {
		return (to - from) / 1e9;
	}

}
