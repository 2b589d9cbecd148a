package dev.rapport.reminders;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
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
import dev.rapport.reminders.scheduling.DueScheduler;
import dev.rapport.reminders.scheduling.DueScheduler.RunResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two schedulers racing over the same due reminders (two threads, each claiming batches of 5 with SKIP LOCKED in
 * its own transactions, as two instances on one database would): every reminder fires exactly once.
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

		CountDownLatch start = new CountDownLatch(1);
		Function<Integer, CompletableFuture<RunResult>> instance = n -> CompletableFuture.supplyAsync(() -> {
			try {
				start.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return scheduler.runOnce();
		});
		CompletableFuture<RunResult> first = instance.apply(1);
		CompletableFuture<RunResult> second = instance.apply(2);
		start.countDown();
		int fired = first.get().remindersFired() + second.get().remindersFired();
		fired += scheduler.runOnce().remindersFired();

		assertThat(fired).as("fired by either instance, but not by both").isGreaterThanOrEqualTo(CONTACTS);
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

	private Set<String> reminderIds(UUID team) {
		return Set.copyOf(jdbc.sql("select id::text from reminder where team_id = :team and kind = 'IMPORTANT_DATE'")
			.param("team", team)
			.query(String.class)
			.list());
	}

}
