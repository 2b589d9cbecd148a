package dev.rapport.reminders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.ContactCreated;
import dev.rapport.events.ContactSnapshot.ImportantDate;
import dev.rapport.events.ContactSnapshot.ImportantDate.Kind;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.events.Topics;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TopicReader;
import dev.rapport.platform.test.TopicReader.Message;
import dev.rapport.platform.time.ShiftableClock;
import dev.rapport.reminders.relationship.DueScheduler;
import dev.rapport.reminders.relationship.DueScheduler.RunResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of reminders-service on one database (this test's application context and a second one started
 * beside it, each with its own scheduler, connection pool and outbox relay) race over the same due reminders, each
 * claiming batches of 5 with SKIP LOCKED in its own transactions: every reminder fires exactly once, none twice and
 * none missed. First deterministically (a batch held in an open transaction, as an instance holds its claim until it
 * commits: the other instance fires all the rest without waiting for it, and leaves the held ones), then racing.
 * Without SKIP LOCKED the second instance waits on the held batch and the test fails.
 */
@RemindersIntegrationTest
class SchedulerConcurrencyTest {

	static final int CONTACTS = 24;

	@Autowired
	DueScheduler scheduler;

	@Autowired
	ShiftableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment environment;

	@Autowired
	DataSource dataSource;

	@Test
	void twoSchedulersFireEachReminderExactlyOnce() throws Exception {
		UUID team = UUID.randomUUID();
		UUID owner = UUID.randomUUID();
		Instant now = clock.instant();
		LocalDate soon = EventFeed.date(now).plusDays(2);
		List<UUID> contacts = new ArrayList<>();
		try (EventFeed feed = new EventFeed()) {
			for (int i = 0; i < CONTACTS; i++) {
				UUID contactId = UUID.randomUUID();
				contacts.add(contactId);
				feed.send(ContactCreated.of(contactId, team, owner, EventFeed.contact("Friend " + i, null, Visibility.PRIVATE,
						now, new ImportantDate(Kind.BIRTHDAY, null, soon.getMonthValue(), soon.getDayOfMonth(), null)), now));
			}
		}
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> reminderIds(team).size() == CONTACTS);
		Set<String> ids = reminderIds(team);

		int fired = 0;
		try (ConfigurableApplicationContext other = secondInstance()) {
			DueScheduler otherScheduler = other.getBean(DueScheduler.class);

			// First, deterministically: while one instance holds a batch of this team's reminders (as it does
			// between claiming and committing), the other fires every other one and skips those, never waiting on them.
			try (Connection holder = dataSource.getConnection()) {
				holder.setAutoCommit(false);
				Set<String> held = hold(holder, team, 5);
				RunResult meanwhile = CompletableFuture.supplyAsync(otherScheduler::runOnce).get(60, TimeUnit.SECONDS);
				fired += meanwhile.remindersFired();
				assertThat(statuses(team)).as("the held ones wait, the others fired")
					.containsEntry("DUE", (long) CONTACTS - held.size())
					.containsEntry("PENDING", (long) held.size());
				holder.rollback();
			}

			// Then both at once over what is left.
			CountDownLatch start = new CountDownLatch(1);
			Function<DueScheduler, CompletableFuture<RunResult>> instance = each -> CompletableFuture.supplyAsync(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return each.runOnce();
			});
			CompletableFuture<RunResult> first = instance.apply(scheduler);
			CompletableFuture<RunResult> second = instance.apply(otherScheduler);
			start.countDown();
			fired += first.get().remindersFired() + second.get().remindersFired();
			fired += scheduler.runOnce().remindersFired() + otherScheduler.runOnce().remindersFired();
		}

		// Other test classes may have left due reminders in this database, which either instance fires too: the
		// exact count is this team's, below (each reminder due once, by one instance).
		assertThat(fired).as("fired by either instance").isGreaterThanOrEqualTo(CONTACTS);
		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.REMINDERS)) {
			List<Message> due = reader.awaitMessages(m -> ids.contains(m.key()) && "ReminderDue".equals(m.type()),
					received -> received.size() >= CONTACTS, Duration.ofSeconds(60));
			Map<String, Long> perReminder = reader
				.messagesWithin(m -> ids.contains(m.key()) && "ReminderDue".equals(m.type()), Duration.ofSeconds(2))
				.stream()
				.collect(Collectors.groupingBy(Message::key, Collectors.counting()));
			assertThat(due).hasSizeGreaterThanOrEqualTo(CONTACTS);
			assertThat(perReminder).hasSize(CONTACTS).allSatisfy((id, count) -> assertThat(count).isEqualTo(1L));
		}
		assertThat(jdbc.sql("select count(*) from reminder where team_id = :team and status = 'DUE'")
			.param("team", team)
			.query(Integer.class)
			.single()).isEqualTo(CONTACTS);
	}

	/** reminders-service again, on this test's database and broker, as a second instance of a deployment is. */
	private ConfigurableApplicationContext secondInstance() {
		Map<String, String> properties = new LinkedHashMap<>();
		for (String name : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
				"spring.kafka.bootstrap-servers", "spring.cloud.stream.kafka.binder.brokers",
				"rapport.security.jwt.public-key", "rapport.security.jwt.issuer", "rapport.security.jwt.audience",
				"rapport.reminders.scheduler.batch-size")) {
			properties.put(name, environment.getRequiredProperty(name));
		}
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		properties.put("rapport.reminders.scheduler.enabled", "false");
		properties.put("spring.cloud.stream.bindings.contactEvents-in-0.group", "reminders-second-" + UUID.randomUUID());
		properties.put("spring.cloud.stream.bindings.interactionEvents-in-0.group",
				"reminders-second-" + UUID.randomUUID());
		// As command-line arguments: they win over the service's own configuration, as a deployment's would.
		return new SpringApplicationBuilder(RemindersApplication.class).run(properties.entrySet()
			.stream()
			.map(property -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new));
	}

	/** Locks {@code count} of the team's pending reminders in {@code holder}'s transaction, as a claim does. */
	private static Set<String> hold(Connection holder, UUID team, int count) throws SQLException {
		Set<String> held = new HashSet<>();
		try (PreparedStatement lock = holder.prepareStatement("select id::text from reminder where team_id = ? "
				+ "and status = 'PENDING' order by due_at limit ? for update")) {
			lock.setObject(1, team);
			lock.setInt(2, count);
			try (ResultSet rows = lock.executeQuery()) {
				while (rows.next()) {
					held.add(rows.getString(1));
				}
			}
		}
		assertThat(held).hasSize(count);
		return held;
	}

	private Map<String, Long> statuses(UUID team) {
		return jdbc.sql("select status, count(*) from reminder where team_id = :team group by status")
			.param("team", team)
			.query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private Set<String> reminderIds(UUID team) {
		return Set.copyOf(jdbc.sql("select id::text from reminder where team_id = :team and kind = 'IMPORTANT_DATE'")
			.param("team", team)
			.query(String.class)
			.list());
	}

}
