package dev.rapport.reminders;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.ContactCreated;
import dev.rapport.events.ContactDeleted;
import dev.rapport.events.ContactHandedOff;
import dev.rapport.events.ContactMerged;
import dev.rapport.events.ContactSnapshot;
import dev.rapport.events.ContactSnapshot.Cadence;
import dev.rapport.events.ContactSnapshot.Cadence.Tier;
import dev.rapport.events.ContactSnapshot.ImportantDate;
import dev.rapport.events.ContactSnapshot.ImportantDate.Kind;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.events.ContactUpdated;
import dev.rapport.events.EventCodec;
import dev.rapport.events.InteractionLogged;
import dev.rapport.events.InteractionSnapshot;
import dev.rapport.events.InteractionSnapshot.FollowUp;
import dev.rapport.events.InteractionUpdated;
import dev.rapport.events.RelationshipCooling;
import dev.rapport.events.RelationshipRewarmed;
import dev.rapport.events.RelationshipState;
import dev.rapport.events.RelationshipTransition;
import dev.rapport.events.Topics;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TestTokens;
import dev.rapport.platform.test.TopicReader;
import dev.rapport.platform.test.TopicReader.Message;
import dev.rapport.platform.time.ShiftableClock;
import dev.rapport.reminders.relationship.DueScheduler;

import static dev.rapport.reminders.EventFeed.contact;
import static dev.rapport.reminders.EventFeed.interaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Contact and interaction events in, relationship state, cooling events and reminders out, time moved by the clock. */
@RemindersIntegrationTest
class RelationshipFlowTest {

	static final Duration WAIT = Duration.ofSeconds(60);

	static EventFeed feed;

	@LocalServerPort
	int port;

	@Autowired
	ShiftableClock clock;

	@Autowired
	DueScheduler scheduler;

	@Autowired
	JdbcClient jdbc;

	final UUID team = UUID.randomUUID();

	final UUID owner = UUID.randomUUID();

	@BeforeAll
	static void openFeed() {
		feed = new EventFeed();
	}

	@AfterAll
	static void closeFeed() {
		feed.close();
	}

	@Test
	void aRelationshipCoolsOnceNudgesWithContextAndRewarmsOnTheNextInteraction() {
		ApiClient api = new ApiClient(port);
		String token = TestTokens.token(owner, team);
		UUID ada = UUID.randomUUID();
		Instant now = clock.instant();
		feed.send(ContactCreated.of(ada, team, owner,
				contact("Ada Lovelace", new Cadence(Tier.INNER_CIRCLE, 14), Visibility.PRIVATE, now), now));
		feed.send(InteractionLogged.of(UUID.randomUUID(), team, owner, interaction(List.of(ada), now,
				"Coffee: she is moving to Turin", List.of("How did the move go?", "Did the engine paper get accepted?")),
				now));
		awaitInteractions(ada, 1);

		JsonNode warm = api.get("/api/relationships/" + ada, token).json();
		assertThat(warm.get("state").asString()).isEqualTo("WARM");
		assertThat(warm.get("cadenceDays").asInt()).isEqualTo(14);
		assertThat(warm.get("contactVersion").asLong()).as("the version of the contact it reflects").isEqualTo(1);
		scheduler.runOnce(); // fires whatever other tests left due: only Ada's reminders are this test's business
		assertThat(count("reminder", ada)).as("a warm relationship has nothing to remind of").isZero();
		assertThat(keepInTouch(api.get("/api/reminders", token).json())).isEmpty();

		clock.shift(Duration.ofDays(15));
		scheduler.runOnce();

		try (TopicReader relationships = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.RELATIONSHIPS);
				TopicReader reminderEvents = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.REMINDERS);
				TopicReader analytics = new TopicReader(TestInfrastructure.kafkaBootstrapServers(),
						Topics.ANALYTICS_RELATIONSHIPS)) {
			List<Message> cooling = relationships.awaitMessages(m -> ada.toString().equals(m.key()),
					received -> !received.isEmpty(), WAIT);
			RelationshipCooling event = (RelationshipCooling) new EventCodec().fromJson(cooling.getFirst().type(),
					cooling.getFirst().value());
			assertThat(event.previousState()).isEqualTo(RelationshipState.WARM);
			assertThat(event.state()).isEqualTo(RelationshipState.DUE);
			assertThat(event.daysSinceLastTouch()).isEqualTo(15);
			assertThat(event.expectedGapDays()).isEqualTo(14);
			assertThat(event.ownerId()).isEqualTo(owner);

			JsonNode agenda = api.get("/api/reminders", token).json();
			List<JsonNode> nudges = keepInTouch(agenda);
			assertThat(nudges).hasSize(1);
			JsonNode nudge = nudges.getFirst();
			assertThat(nudge.get("contactName").asString()).isEqualTo("Ada Lovelace");
			assertThat(nudge.get("context").get("lastInteraction").get("summary").asString())
				.isEqualTo("Coffee: she is moving to Turin");
			assertThat(nudge.get("context").get("openQuestions").valueStream().map(JsonNode::asString))
				.containsExactly("How did the move go?", "Did the engine paper get accepted?");
			String nudgeId = nudge.get("id").asString();
			reminderEvents.awaitMessages(m -> nudgeId.equals(m.key()) && "ReminderDue".equals(m.type()),
					received -> !received.isEmpty(), WAIT);

			scheduler.runOnce();
			clock.shift(Duration.ofHours(1));
			scheduler.runOnce();
			assertThat(relationships.messagesWithin(m -> ada.toString().equals(m.key()), Duration.ofSeconds(2)))
				.as("looking again emits nothing new")
				.hasSize(1);
			assertThat(keepInTouch(api.get("/api/reminders", token).json())).hasSize(1);

			UUID call = UUID.randomUUID();
			Instant later = clock.instant();
			feed.send(InteractionLogged.of(call, team, owner,
					interaction(List.of(ada), later, "Call: the move went well", List.of()), later));
			List<Message> events = relationships.awaitMessages(m -> ada.toString().equals(m.key()),
					received -> received.size() >= 2, WAIT);
			assertThat(events).extracting(Message::type).containsExactly("RelationshipCooling", "RelationshipRewarmed");
			RelationshipRewarmed rewarmed = (RelationshipRewarmed) new EventCodec().fromJson("RelationshipRewarmed",
					events.get(1).value());
			assertThat(rewarmed.previousState()).isEqualTo(RelationshipState.DUE);
			assertThat(rewarmed.interactionId()).isEqualTo(call);
			List<RelationshipTransition> transitions = analytics.awaitMessages(m -> ada.toString().equals(m.key()),
					received -> received.size() >= 2, WAIT).stream()
				.map(m -> (RelationshipTransition) new EventCodec().fromJson(m.type(), m.value()))
				.toList();
			assertThat(transitions).as("beside the cooling and the rewarming, the analytics tier's transitions")
				.extracting(RelationshipTransition::previousState, RelationshipTransition::state)
				.containsExactly(tuple(RelationshipState.WARM, RelationshipState.DUE),
						tuple(RelationshipState.DUE, RelationshipState.WARM));
			assertThat(transitions).extracting(RelationshipTransition::occurredAt)
				.containsExactly(event.occurredAt(), rewarmed.occurredAt());
			assertThat(transitions).extracting(RelationshipTransition::ownerId, RelationshipTransition::teamId)
				.containsOnly(tuple(owner, team));
			assertThat(analytics.messagesWithin(m -> ada.toString().equals(m.key()), Duration.ofMillis(500)))
				.as("one transition per relationship event, no more")
				.hasSize(2);
			assertThat(keepInTouch(api.get("/api/reminders", token).json())).as("the nudge closed").isEmpty();
			reminderEvents.awaitMessages(m -> nudgeId.equals(m.key()) && "ReminderCompleted".equals(m.type()),
					received -> !received.isEmpty(), WAIT);
			assertThat(api.get("/api/relationships/" + ada, token).json().get("state").asString()).isEqualTo("WARM");
		}

		assertThat(api.get("/api/relationships/" + ada, TestTokens.token(owner, UUID.randomUUID())).status())
			.as("another team").isEqualTo(404);
		assertThat(api.get("/api/relationships/" + ada, TestTokens.token(UUID.randomUUID(), team)).status())
			.as("a teammate, but the contact is private").isEqualTo(404);
	}

	@Test
	void withoutACadenceOneIsLearnedFromTheMedianGap() {
		String token = TestTokens.token(owner, team);
		UUID grace = UUID.randomUUID();
		Instant now = clock.instant();
		feed.send(ContactCreated.of(grace, team, owner,
				contact("Grace Hopper", null, Visibility.TEAM, now.minus(Duration.ofDays(90))), now));
		for (int daysAgo : new int[] { 50, 30, 10 }) {
			Instant at = now.minus(Duration.ofDays(daysAgo));
			feed.send(InteractionLogged.of(UUID.randomUUID(), team, owner,
					interaction(List.of(grace), at, "Lunch", List.of()), at));
		}
		awaitInteractions(grace, 3);

		JsonNode relationship = new ApiClient(port).get("/api/relationships/" + grace, token).json();
		assertThat(relationship.get("cadenceSource").asString()).isEqualTo("LEARNED");
		assertThat(relationship.get("cadenceDays").asInt()).isEqualTo(20);
		assertThat(relationship.get("state").asString()).isEqualTo("WARM");
		assertThat(relationship.get("interactionCount").asInt()).isEqualTo(3);
		assertThat(new ApiClient(port).get("/api/relationships?state=WARM&size=100", TestTokens.token(UUID.randomUUID(), team))
			.json()
			.get("items")
			.valueStream()
			.map(item -> item.get("contactId").asString())).as("a TEAM contact is visible to teammates")
			.contains(grace.toString());
	}

	@Test
	void birthdaysWithoutAYearAndOnThe29thOfFebruaryAreRemindedAhead() {
		String token = TestTokens.token(owner, team);
		UUID alan = UUID.randomUUID();
		Instant now = clock.instant();
		LocalDate inThreeDays = EventFeed.date(now).plusDays(3);
		feed.send(ContactCreated.of(alan, team, owner, contact("Alan Turing", null, Visibility.PRIVATE, now,
				new ImportantDate(Kind.BIRTHDAY, null, inThreeDays.getMonthValue(), inThreeDays.getDayOfMonth(), null),
				new ImportantDate(Kind.BIRTHDAY, "leap", 2, 29, null)), now));
		Awaitility.await().atMost(WAIT).until(() -> dateReminders(alan).size() == 2);

		scheduler.runOnce();

		JsonNode agenda = new ApiClient(port).get("/api/reminders", token).json();
		List<JsonNode> birthdays = agenda.get("upcoming")
			.valueStream()
			.filter(item -> item.get("contactId").asString().equals(alan.toString()))
			.toList();
		assertThat(birthdays).hasSize(1);
		assertThat(birthdays.getFirst().get("dueOn").asString()).isEqualTo(inThreeDays.toString());
		assertThat(birthdays.getFirst().get("title").asString()).isEqualTo("Alan Turing's birthday");
		LocalDate today = EventFeed.date(now);
		int year = LocalDate.of(today.getYear(), 2, 28).isBefore(today) ? today.getYear() + 1 : today.getYear();
		LocalDate leapDay = Year.isLeap(year) ? LocalDate.of(year, 2, 29) : LocalDate.of(year, 2, 28);
		if (leapDay.isBefore(today)) {
			year++;
			leapDay = Year.isLeap(year) ? LocalDate.of(year, 2, 29) : LocalDate.of(year, 2, 28);
		}
		assertThat(dateReminders(alan)).contains(leapDay);
	}

	@Test
	void theSameEventTwiceThreeTimesOrReplayedFromItsDeadLetterTopicHasExactlyOneEffect() {
		UUID contactId = UUID.randomUUID();
		Instant now = clock.instant();
		// Due already (30-day cadence, last talk 40 days ago): the one interaction makes one nudge and one cooling.
		ContactCreated created = ContactCreated.of(contactId, team, owner,
				contact("Thrice", new Cadence(null, 30), Visibility.PRIVATE, now.minus(Duration.ofDays(100))), now);
		InteractionLogged logged = InteractionLogged.of(UUID.randomUUID(), team, owner,
				interaction(List.of(contactId), now.minus(Duration.ofDays(40)), "Once", List.of()), now);
		try (TopicReader relationships = new TopicReader(TestInfrastructure.kafkaBootstrapServers(),
				Topics.RELATIONSHIPS);
				TopicReader analytics = new TopicReader(TestInfrastructure.kafkaBootstrapServers(),
						Topics.ANALYTICS_RELATIONSHIPS)) {
			for (int delivery = 1; delivery <= 3; delivery++) {
				feed.send(created);
				feed.send(logged);
			}
			// As `devstack replay` sends a dead letter back: the same bytes, key and type header, to its topic.
			feed.sendRaw(Topics.INTERACTIONS, logged.key(), logged.type(), new EventCodec().serialize(logged));
			// One later event on each key (so on the same partition, behind every copy): once both are applied,
			// every copy before them has been seen.
			InteractionSnapshot after = interaction(List.of(contactId), now.minus(Duration.ofDays(40)), "Marker",
					List.of());
			feed.send(InteractionUpdated.of(logged.interactionId(), team, owner,
					new InteractionSnapshot(after.participantIds(), after.type(), after.happenedAt(), after.timeZone(),
							after.durationMinutes(), after.place(), after.initiatedBy(), after.summary(),
							after.questions(), after.followUps(), after.meaningfulness(), 2, after.createdAt(),
							after.updatedAt()),
					List.of("summary"), now));
			feed.send(ContactUpdated.of(contactId, team, owner, new ContactSnapshot("Thrice, marked", null, null,
					List.of(), List.of(), null, null, null, null, List.of(), List.of(), null, List.of(),
					new Cadence(null, 30), Visibility.PRIVATE, false, 2, now.minus(Duration.ofDays(100)), now),
					List.of("displayName"), now));
			Awaitility.await().atMost(WAIT).until(() -> "Marker".equals(jdbc.sql(
					"select summary from interaction where id = :id").param("id", logged.interactionId()).query(
							String.class).optional().orElse(null))
					&& "Thrice, marked".equals(jdbc.sql("select display_name from relationship where contact_id = :id")
						.param("id", contactId)
						.query(String.class)
						.optional()
						.orElse(null)));
			scheduler.runOnce();
			assertThat(new ApiClient(port).get("/api/relationships/" + contactId, TestTokens.token(owner, team))
				.json()
				.get("contactVersion")
				.asLong()).as("the contact's version it reflects, after its update").isEqualTo(2);

			assertThat(jdbc.sql("select interaction_count from relationship where contact_id = :id")
				.param("id", contactId)
				.query(Integer.class)
				.single()).as("one interaction counted, not four").isEqualTo(1);
			assertThat(jdbc.sql("select count(*) from interaction where participant_ids @> array[cast(:id as uuid)]")
				.param("id", contactId)
				.query(Integer.class)
				.single()).isEqualTo(1);
			assertThat(jdbc.sql("select count(*) from reminder where contact_id = :id and kind = 'KEEP_IN_TOUCH'")
				.param("id", contactId)
				.query(Integer.class)
				.single()).as("one nudge").isEqualTo(1);
			assertThat(relationships.messagesWithin(m -> contactId.toString().equals(m.key()), Duration.ofSeconds(2)))
				.extracting(Message::type)
				.as("one cooling")
				.containsExactly("RelationshipCooling");
			assertThat(analytics.messagesWithin(m -> contactId.toString().equals(m.key()), Duration.ofSeconds(2)))
				.extracting(Message::type)
				.as("one transition")
				.containsExactly("RelationshipTransition");
		}
	}

	@Test
	void anInteractionBeforeItsContactIsKeptAndAnOlderOneNeverMovesLastTouchBack() {
		String token = TestTokens.token(owner, team);
		UUID early = UUID.randomUUID();
		Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // PostgreSQL's precision
		feed.send(InteractionLogged.of(UUID.randomUUID(), team, owner,
				interaction(List.of(early), now, "Met before the contact was saved", List.of()), now));
		awaitInteractions(early, 1);
		assertThat(new ApiClient(port).get("/api/relationships/" + early, token).status())
			.as("a placeholder is not a relationship yet").isEqualTo(404);

		feed.send(ContactCreated.of(early, team, owner,
				contact("Early Bird", new Cadence(null, 30), Visibility.PRIVATE, now.minus(Duration.ofDays(100))), now));
		Instant older = now.minus(Duration.ofDays(40));
		feed.send(InteractionLogged.of(UUID.randomUUID(), team, owner,
				interaction(List.of(early), older, "Old news, logged late", List.of()), now));
		awaitInteractions(early, 2);

		Awaitility.await().atMost(WAIT).untilAsserted(() -> {
			JsonNode relationship = new ApiClient(port).get("/api/relationships/" + early, token).json();
			assertThat(relationship.get("interactionCount").asInt()).isEqualTo(2);
			assertThat(Instant.parse(relationship.get("lastInteractionAt").asString())).isEqualTo(now);
			assertThat(relationship.get("state").asString()).isEqualTo("WARM");
		});
	}

	@Test
	void contactDeletedErasesEverythingAboutTheContact() {
		String token = TestTokens.token(owner, team);
		UUID gone = UUID.randomUUID();
		Instant now = clock.instant();
		LocalDate soon = EventFeed.date(now).plusDays(2);
		feed.send(ContactCreated.of(gone, team, owner, contact("To Be Forgotten", new Cadence(null, 7), Visibility.PRIVATE,
				now, new ImportantDate(Kind.BIRTHDAY, null, soon.getMonthValue(), soon.getDayOfMonth(), null)), now));
		feed.send(InteractionLogged.of(UUID.randomUUID(), team, owner,
				interaction(List.of(gone), now, "Private things", List.of("Secret question")), now));
		awaitInteractions(gone, 1);
		Awaitility.await().atMost(WAIT).until(() -> !dateReminders(gone).isEmpty());

		feed.send(ContactDeleted.of(gone, team, owner, now));
		Awaitility.await().atMost(WAIT).until(() -> count("relationship", gone) == 0);
		feed.send(InteractionLogged.of(UUID.randomUUID(), team, owner,
				interaction(List.of(gone), now, "Arrived after the erasure", List.of()), now));
		UUID marker = UUID.randomUUID();
		feed.send(InteractionLogged.of(UUID.randomUUID(), team, owner,
				interaction(List.of(marker), now, "marker", List.of()), now));
		awaitInteractions(marker, 1);

		assertThat(count("relationship", gone)).isZero();
		assertThat(count("reminder", gone)).isZero();
		assertThat(jdbc.sql("select count(*) from interaction where participant_ids @> array[cast(:id as uuid)]")
			.param("id", gone)
			.query(Integer.class)
			.single()).isZero();
		assertThat(new ApiClient(port).get("/api/relationships/" + gone, token).status()).isEqualTo(404);
	}

	@Test
	void contactMergedMovesTheHistoryAndThePromisesToTheSurvivor() {
		String token = TestTokens.token(owner, team);
		UUID survivor = UUID.randomUUID();
		UUID duplicate = UUID.randomUUID();
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // as PostgreSQL keeps it
		feed.send(ContactCreated.of(survivor, team, owner,
				contact("Ada Lovelace", new Cadence(null, 30), Visibility.PRIVATE, now.minus(Duration.ofDays(200))), now));
		feed.send(ContactCreated.of(duplicate, team, owner,
				contact("Lovelace, Ada", new Cadence(null, 30), Visibility.PRIVATE, now.minus(Duration.ofDays(200))), now));
		feed.send(InteractionLogged.of(UUID.randomUUID(), team, owner,
				interaction(List.of(survivor), now.minus(Duration.ofDays(90)), "Long ago", List.of()), now));
		UUID promise = UUID.randomUUID();
		feed.send(InteractionLogged.of(UUID.randomUUID(), team, owner,
				interaction(List.of(duplicate), now.minus(Duration.ofDays(2)), "Coffee, under the other record", List.of(),
						new FollowUp(promise, "Send the Babbage notes", EventFeed.date(now).plusDays(5),
								FollowUp.Owner.ME, null)),
				now));
		awaitInteractions(survivor, 1);
		awaitInteractions(duplicate, 1);
		Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(followUpSources(duplicate))
			.containsExactly("follow-up:" + promise));

		feed.send(ContactMerged.of(duplicate, survivor, team, owner, now));

		Awaitility.await().atMost(WAIT).untilAsserted(() -> {
			JsonNode relationship = new ApiClient(port).get("/api/relationships/" + survivor, token).json();
			assertThat(relationship.get("interactionCount").asInt()).as("both histories").isEqualTo(2);
			assertThat(Instant.parse(relationship.get("lastInteractionAt").asString()))
				.isEqualTo(now.minus(Duration.ofDays(2)));
			assertThat(relationship.get("state").asString()).isEqualTo("WARM");
		});
		assertThat(count("relationship", duplicate)).isZero();
		assertThat(count("reminder", duplicate)).isZero();
		assertThat(followUpSources(survivor)).as("the promise is still owed, to the survivor")
			.containsExactly("follow-up:" + promise);
		assertThat(new ApiClient(port).get("/api/relationships/" + duplicate, token).status()).isEqualTo(404);
		// Late news of the merged-away record is ignored; interactions-service re-sends it naming the survivor.
		UUID marker = UUID.randomUUID();
		feed.send(InteractionLogged.of(UUID.randomUUID(), team, owner,
				interaction(List.of(duplicate), now, "Arrived after the merge", List.of()), now));
		feed.send(InteractionLogged.of(UUID.randomUUID(), team, owner,
				interaction(List.of(marker), now, "marker", List.of()), now));
		awaitInteractions(marker, 1);
		assertThat(count("relationship", duplicate)).isZero();
	}

	@Test
	void contactHandedOffGivesTheRelationshipAndItsOpenNudgesToTheNewOwnerOnceAndPromisesStayWithTheirAuthor() {
		ApiClient api = new ApiClient(port);
		UUID successor = UUID.randomUUID();
		String ownerToken = TestTokens.token(owner, team);
		String successorToken = TestTokens.token(successor, team);
		UUID grace = UUID.randomUUID();
		Instant now = clock.instant();
		feed.send(ContactCreated.of(grace, team, owner,
				contact("Grace Hopper", new Cadence(Tier.INNER_CIRCLE, 14), Visibility.PRIVATE, now), now));
		UUID promise = UUID.randomUUID();
		feed.send(InteractionLogged.of(UUID.randomUUID(), team, owner, interaction(List.of(grace), now, "Lunch",
				List.of(), new FollowUp(promise, "Send the COBOL notes", EventFeed.date(now).plusDays(30),
						FollowUp.Owner.ME, null)), now));
		awaitInteractions(grace, 1);
		scheduler.runOnce();
		clock.shift(Duration.ofDays(15));
		scheduler.runOnce();
		Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(nudgesFor(api, ownerToken, grace)).hasSize(1));
		String nudge = nudgesFor(api, ownerToken, grace).getFirst().get("id").asString();

		ContactHandedOff handedOff = ContactHandedOff.of(grace, team, owner, successor, UUID.randomUUID(),
				UUID.randomUUID(), clock.instant());
		feed.send(handedOff);
		feed.send(handedOff); // redelivered
		Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(nudgesFor(api, successorToken, grace))
			.as("the nudge is the new owner's")
			.extracting(n -> n.get("id").asString())
			.containsExactly(nudge));
		assertThat(nudgesFor(api, ownerToken, grace)).isEmpty();
		assertThat(api.get("/api/relationships/" + grace, successorToken).status()).as("private, and theirs now")
			.isEqualTo(200);
		assertThat(api.get("/api/relationships/" + grace, ownerToken).status()).isEqualTo(404);
		assertThat(jdbc.sql("select user_id from reminder where contact_id = :id and kind = 'FOLLOW_UP'")
			.param("id", grace)
			.query(UUID.class)
			.list()).as("a promise stays with whoever made it").containsExactly(owner);
		assertThat(jdbc.sql("select interaction_count from relationship where contact_id = :id")
			.param("id", grace)
			.query(Integer.class)
			.single()).as("the history stays").isEqualTo(1);

		// The same handoff again under another event id (a replayed request) moves nothing more; the contact's next
		// update, behind it on her partition, says when it was read.
		feed.send(ContactHandedOff.of(grace, team, owner, successor, handedOff.handoffId(), handedOff.byMemberId(),
				clock.instant()));
		ContactSnapshot renamed = new ContactSnapshot("Grace B. Hopper", null, null, List.of(), List.of(), null, null,
				null, null, List.of(), List.of(), null, List.of(), new Cadence(Tier.INNER_CIRCLE, 14), Visibility.PRIVATE,
				false, 2, now, clock.instant());
		feed.send(ContactUpdated.of(grace, team, successor, renamed, List.of("displayName"), clock.instant()));
		Awaitility.await().atMost(WAIT).until(() -> jdbc.sql("select display_name from relationship where contact_id = :id")
			.param("id", grace)
			.query(String.class)
			.single()
			.equals("Grace B. Hopper"));
		assertThat(nudgesFor(api, successorToken, grace)).hasSize(1);
		assertThat(nudgesFor(api, ownerToken, grace)).isEmpty();
	}

	private static List<JsonNode> nudgesFor(ApiClient api, String token, UUID contactId) {
		return keepInTouch(api.get("/api/reminders", token).json()).stream()
			.filter(item -> item.get("contactId").asString().equals(contactId.toString()))
			.toList();
	}

	private List<String> followUpSources(UUID contactId) {
		return jdbc.sql("select source_key from reminder where contact_id = :id and kind = 'FOLLOW_UP'")
			.param("id", contactId)
			.query(String.class)
			.list();
	}

	private int count(String table, UUID contactId) {
		return jdbc.sql("select count(*) from " + table + " where contact_id = :id")
			.param("id", contactId)
			.query(Integer.class)
			.single();
	}

	private List<LocalDate> dateReminders(UUID contactId) {
		return jdbc.sql("select due_on from reminder where contact_id = :id and kind = 'IMPORTANT_DATE'")
			.param("id", contactId)
			.query(LocalDate.class)
			.list();
	}

	private void awaitInteractions(UUID contactId, int count) {
		Awaitility.await()
			.atMost(WAIT)
			.until(() -> jdbc.sql("select coalesce(max(interaction_count), -1) from relationship where contact_id = :id")
				.param("id", contactId)
				.query(Integer.class)
				.single() >= count);
	}

	static List<JsonNode> keepInTouch(JsonNode agenda) {
		return java.util.stream.Stream.of("overdue", "today", "upcoming")
			.flatMap(section -> agenda.get(section).valueStream())
			.filter(item -> item.get("kind").asString().equals("KEEP_IN_TOUCH"))
			.toList();
	}

}
