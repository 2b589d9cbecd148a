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
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.CloudEventHeaders;
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
 * <p>
 * Then the second instance stops, as one does in a redeploy, with its outbox relay perhaps still waiting for the
 * broker's answers to what it sent: a row it left unmarked would be sent again by this instance's relay, the same
 * event twice on the topic. So "exactly once" is checked twice over: one ReminderDue event per reminder (the
 * scheduler's claim) and one record of it on the topic (the relays'; OutboxRelayStopTest pins the stop itself).
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
		// Every ReminderDue of the team acknowledged by the broker, including any a relay sent a second time, so the
		// reader below sees all there will ever be.
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("""
				select count(*) from outbox_event
				where event_type = 'ReminderDue' and record_key in (:ids) and published_at is null
				""").param("ids", ids).query(Long.class).single() == 0);
		Predicate<Message> dueOfTeam = m -> ids.contains(m.key()) && "ReminderDue".equals(m.type());
		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.REMINDERS)) {
			reader.awaitMessages(dueOfTeam, received -> received.size() >= CONTACTS, Duration.ofSeconds(60));
			List<Message> due = reader.messagesWithin(dueOfTeam, Duration.ofSeconds(2));
			assertThat(due.stream()
				.collect(Collectors.groupingBy(Message::key,
						Collectors.mapping(m -> m.headers().get(CloudEventHeaders.ID), Collectors.toSet()))))
				.as("fired once: one ReminderDue event per reminder, by one instance")
				.hasSize(CONTACTS)
				.allSatisfy((id, events) -> assertThat(events).hasSize(1));
			assertThat(due).extracting(Message::key)
				.as("on the topic once: no relay sent an event again (the second instance stopped cleanly)")
				.hasSize(CONTACTS)
				.doesNotHaveDuplicates();
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
		properties.put("rapport.webhooks.worker.enabled", "false");
		// The same time as this instance, which tests that ran before in this JVM may have moved forward (as devstack's
		// instances share one offset): otherwise what is due here is not yet due there.
		properties.put("rapport.clock.offset", clock.offset().toString());
		properties.put("spring.cloud.stream.bindings.webhookEvents-in-0.group", "reminders-second-" + UUID.randomUUID());
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
