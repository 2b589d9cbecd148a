package dev.rapport.reminders;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.events.ContactSnapshot.ImportantDate;
import dev.rapport.events.InteractionSnapshot.FollowUp;
import dev.rapport.platform.test.ConsumerContracts;
import dev.rapport.platform.test.ConsumerContracts.Pin;
import dev.rapport.reminders.interaction.Interactions;
import dev.rapport.reminders.interaction.StoredInteraction;
import dev.rapport.reminders.relationship.Relationship;
import dev.rapport.reminders.relationship.RelationshipService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer's side of the contract: the contact and interaction events this service pinned (events'
 * {@code contracts/reminders-service/}), sent on the real topics as their producers send them, have every effect
 * that depends on the fields they carry: the contact's name, cadence (tier or days) and dates, archive and erasure;
 * an interaction's participants, time, time zone, summary, questions and follow-ups (due date, who owes it, done or
 * not), the follow-up reminder and its completion. Producers check with {@link ConsumerContracts} that they keep
 * emitting those fields.
 */
@RemindersIntegrationTest
class PinnedEventsTest {

	static final String CONSUMER = "reminders-service";

	static final Duration WAIT = Duration.ofSeconds(60);

	@Autowired
	RelationshipService relationships;

	@Autowired
	Interactions interactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void thePinnedSamplesDriveRelationshipsInteractionsAndFollowUps() {
		assertThat(ConsumerContracts.of(CONSUMER)).extracting(Pin::type)
			.containsExactly("ContactCreated", "ContactUpdated", "InteractionLogged", "InteractionUpdated",
					"FollowUpCompleted", "FollowUpReopened", "ContactArchived", "ContactUnarchived", "ContactHandedOff",
					"InteractionDeleted",
					"ContactDeleted", "ContactMerged");
		Pin created = ConsumerContracts.of(CONSUMER, "ContactCreated");
		UUID contact = UUID.fromString(created.key());
		UUID team = UUID.fromString(created.sample().get("teamId").asString());
		UUID owner = UUID.fromString(created.sample().get("ownerId").asString());
		Pin logged = ConsumerContracts.of(CONSUMER, "InteractionLogged");
		UUID interaction = UUID.fromString(logged.key());

		try (EventFeed feed = new EventFeed()) {
			Relationship known = deliver(feed, created, () -> relationships.find(team, contact), r -> r.contact().known());
			assertThat(known.contact().displayName()).isEqualTo("Ada Lovelace");
			assertThat(known.contact().ownerId()).isEqualTo(owner);
			assertThat(known.contact().cadenceTier()).isEqualTo("CLOSE");
			assertThat(known.contact().cadenceDays()).isEqualTo(30);
			assertThat(known.contact().importantDates()).containsExactly(
					new ImportantDate(ImportantDate.Kind.BIRTHDAY, null, 12, 10, 1815),
					new ImportantDate(ImportantDate.Kind.CUSTOM, "Joined Analytical Engines", 6, 1, null));

			Relationship custom = deliver(feed, ConsumerContracts.of(CONSUMER, "ContactUpdated"),
					() -> relationships.find(team, contact), r -> r.contact().version() == 2);
			assertThat(custom.contact().cadenceTier()).as("a custom interval").isNull();
			assertThat(custom.contact().cadenceDays()).isEqualTo(45);

			StoredInteraction stored = deliver(feed, logged, () -> interactions.recent(contact, 1).stream().findFirst(),
					i -> i.id().equals(interaction));
			assertThat(stored.teamId()).isEqualTo(team);
			assertThat(stored.authorId()).isEqualTo(owner);
			assertThat(stored.participantIds()).containsExactly(contact);
			assertThat(stored.happenedAt()).isEqualTo(Instant.parse("2026-10-30T12:30:00Z"));
			assertThat(stored.timeZone()).isEqualTo("Europe/Lisbon");
			assertThat(stored.summary()).isEqualTo("Lunch before her move to Turin.");
			assertThat(stored.questions()).containsExactly("How did the move go?");
			Relationship touched = awaitValue(() -> relationships.find(team, contact), r -> r.history().interactionCount() == 1);
			assertThat(touched.history().lastInteractionAt()).isEqualTo(stored.happenedAt());
			Map<String, Object> reminder = awaitValue(() -> followUpReminder(contact), row -> true);
			assertThat(reminder).containsEntry("status", "PENDING")
				.containsEntry("due_on", java.sql.Date.valueOf(LocalDate.of(2026, 11, 6)))
				.containsEntry("title", "You promised Ada Lovelace: Introduce Ada to the Lisbon maths meetup")
				.containsEntry("user_id", owner);

			StoredInteraction edited = deliver(feed, ConsumerContracts.of(CONSUMER, "InteractionUpdated"),
					() -> interactions.recent(contact, 1).stream().findFirst(), i -> i.version() == 2);
			assertThat(edited.followUps()).extracting(FollowUp::owedBy)
				.containsExactly(FollowUp.Owner.ME, FollowUp.Owner.THEM);
			assertThat(edited.followUps().get(1).completedAt()).isEqualTo(Instant.parse("2026-11-01T18:02:11.5Z"));
			assertThat(edited.followUps().get(0).open()).isTrue();

			deliver(feed, ConsumerContracts.of(CONSUMER, "FollowUpCompleted"), () -> followUpReminder(contact),
					row -> row.get("status").equals("COMPLETED"));
			deliver(feed, ConsumerContracts.of(CONSUMER, "FollowUpReopened"), () -> followUpReminder(contact),
					row -> row.get("status").equals("PENDING"));

			deliver(feed, ConsumerContracts.of(CONSUMER, "ContactArchived"), () -> relationships.find(team, contact),
					r -> r.contact().archived());
			assertThat(followUpReminder(contact)).get().extracting(row -> row.get("paused")).isEqualTo(true);
			deliver(feed, ConsumerContracts.of(CONSUMER, "ContactUnarchived"), () -> relationships.find(team, contact),
					r -> !r.contact().archived());
			assertThat(followUpReminder(contact)).get().extracting(row -> row.get("paused")).isEqualTo(false);

			Pin handedOff = ConsumerContracts.of(CONSUMER, "ContactHandedOff");
			UUID successor = UUID.fromString(handedOff.sample().get("toMemberId").asString());
			assertThat(dateReminderOwners(contact)).as("the birthday's reminder").isNotEmpty().containsOnly(owner);
			deliver(feed, handedOff, () -> relationships.find(team, contact), r -> r.contact().ownerId().equals(successor));
			assertThat(dateReminderOwners(contact)).as("open date reminders follow the relationship")
				.containsOnly(successor);
			assertThat(followUpReminder(contact)).get().extracting(row -> row.get("user_id"))
				.as("a promise stays with whoever made it").isEqualTo(owner);

			deliver(feed, ConsumerContracts.of(CONSUMER, "InteractionDeleted"), () -> relationships.find(team, contact),
					r -> r.history().interactionCount() == 0);
			assertThat(followUpReminder(contact)).as("the deleted interaction's follow-up").isEmpty();

			Pin deleted = ConsumerContracts.of(CONSUMER, "ContactDeleted");
			feed.sendRaw(deleted.topic(), deleted.key(), deleted.type(), deleted.value());
			Awaitility.await().atMost(WAIT).until(() -> read(() -> Optional.of(relationships.erased(contact))).get());
			assertThat(read(() -> relationships.find(team, contact))).isEmpty();

			Pin merged = ConsumerContracts.of(CONSUMER, "ContactMerged");
			UUID mergedAway = UUID.fromString(merged.key());
			feed.sendRaw(merged.topic(), merged.key(), merged.type(), merged.value());
			Awaitility.await().atMost(WAIT).until(() -> read(() -> Optional.of(relationships.erased(mergedAway))).get());
		}
	}

	private List<UUID> dateReminderOwners(UUID contact) {
		return jdbc.sql("select user_id from reminder where contact_id = :contact and kind = 'IMPORTANT_DATE'"
				+ " and status in ('PENDING', 'DUE')")
			.param("contact", contact)
			.query(UUID.class)
			.list();
	}

	private Optional<Map<String, Object>> followUpReminder(UUID contact) {
		List<Map<String, Object>> rows = jdbc
			.sql("select status, due_on, title, user_id, paused from reminder where contact_id = :contact and kind = 'FOLLOW_UP'")
			.param("contact", contact)
			.query()
			.listOfRows();
		assertThat(rows).hasSizeLessThanOrEqualTo(1);
		return rows.stream().findFirst();
	}

	private <T> T deliver(EventFeed feed, Pin pin, Supplier<Optional<T>> read, Predicate<T> effect) {
		feed.sendRaw(pin.topic(), pin.key(), pin.type(), pin.value());
		return awaitValue(read, effect);
	}

	private <T> T awaitValue(Supplier<Optional<T>> read, Predicate<T> effect) {
		return Awaitility.await()
			.atMost(WAIT)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> read(read).orElse(null), value -> value != null && effect.test(value));
	}

	/** The services' reads join a transaction (propagation mandatory), as the handlers' do. */
	private <T> Optional<T> read(Supplier<Optional<T>> read) {
		return new TransactionTemplate(transactionManager).execute(status -> read.get());
	}

}
