package dev.rapport.reminders;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.ContactCreated;
import dev.rapport.events.ContactSnapshot;
import dev.rapport.events.ContactSnapshot.Cadence;
import dev.rapport.events.ContactSnapshot.ImportantDate;
import dev.rapport.events.ContactSnapshot.ImportantDate.Kind;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.events.ContactUpdated;
import dev.rapport.events.EventCodec;
import dev.rapport.events.InteractionLogged;
import dev.rapport.events.InteractionSnapshot.FollowUp;
import dev.rapport.events.InteractionSnapshot.FollowUp.Owner;
import dev.rapport.events.ReminderCompleted;
import dev.rapport.events.ReminderDismissed;
import dev.rapport.events.ReminderDue;
import dev.rapport.events.ReminderEvent;
import dev.rapport.events.ReminderKind;
import dev.rapport.events.ReminderSnoozed;
import dev.rapport.events.Topics;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ApiClient.Response;
import dev.rapport.platform.test.TestClocks;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TestTokens;
import dev.rapport.platform.test.TopicReader;
import dev.rapport.platform.test.TopicReader.Message;
import dev.rapport.platform.time.ShiftableClock;
import dev.rapport.reminders.relationship.DueScheduler;

import static dev.rapport.platform.test.ProblemAssertions.assertFieldProblem;
import static dev.rapport.platform.test.ProblemAssertions.assertProblem;
import static dev.rapport.reminders.EventFeed.interaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The reminders API as a client sees it: the agenda's sections, ranking and time zones, and completing, dismissing
 * and snoozing a reminder, each answered by its event on {@code rapport.reminders.v1}; errors as problem+json.
 */
@RemindersIntegrationTest
class ReminderApiTest {

	static final Duration WAIT = Duration.ofSeconds(60);

	/** UTC+14 and UTC−11: at 12:00 UTC it is already tomorrow in Kiritimati and still today in Pago Pago. */
	static final ZoneId KIRITIMATI = ZoneId.of("Pacific/Kiritimati");

	static final ZoneId PAGO_PAGO = ZoneId.of("Pacific/Pago_Pago");

	static EventFeed feed;

	static TopicReader reminderEvents;

	@LocalServerPort
	int port;

	@Autowired
	ShiftableClock clock;

	@Autowired
	DueScheduler scheduler;

	@Autowired
	JdbcClient jdbc;

	final UUID team = UUID.randomUUID();

	final UUID me = UUID.randomUUID();

	ApiClient api;

	String token;

	@BeforeAll
	static void open() {
		feed = new EventFeed();
		reminderEvents = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.REMINDERS);
	}

	@AfterAll
	static void close() {
		reminderEvents.close();
		feed.close();
	}

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		token = TestTokens.token(me, team);
	}

	@Test
	void overdueRemindersAreRankedFollowUpsIOweThenCloseRelationshipsColdestFirstThenTheRest() {
		Instant now = clock.instant();
		LocalDate today = EventFeed.date(now);
		// Created long enough ago that, without any interaction, each is already as cold as its name says.
		contact("Cold Close", 14, now.minus(Duration.ofDays(30)));
		contact("Cooling Close", 14, now.minus(Duration.ofDays(20)));
		contact("Due Close", 14, now.minus(Duration.ofDays(15)));
		contact("Due Close, a day longer", 14, now.minus(Duration.ofDays(16)));
		contact("Cooling Wide", 60, now.minus(Duration.ofDays(80)));
		contact("Due Wide", 60, now.minus(Duration.ofDays(62)));
		UUID promises = contact("Promises", null, now);
		promise(promises, followUp("Send the slides", today.minusDays(3), Owner.ME),
				followUp("Introduce us to their CTO", today.minusDays(1), Owner.THEM));
		awaitReminders(8);

		JsonNode agenda = agenda("");

		assertThat(agenda.get("date").asString()).isEqualTo(today.toString());
		assertThat(labels(agenda, "overdue")).containsExactly("Send the slides", "Cold Close", "Cooling Close",
				"Due Close, a day longer", "Due Close", "Introduce us to their CTO", "Cooling Wide", "Due Wide");
		assertThat(agenda.get("overdue").valueStream().map(item -> item.get("rank").asInt()))
			.containsExactly(100, 86, 83, 80, 80, 60, 53, 50);
		assertThat(agenda.get("overdue")
			.valueStream()
			.filter(item -> item.get("kind").asString().equals("KEEP_IN_TOUCH"))
			.map(item -> item.get("relationshipState").asString())).as("the state each nudge's rank comes from")
			.containsExactly("COLD", "COOLING", "DUE", "DUE", "COOLING", "DUE");
		assertThat(labels(agenda, "today")).isEmpty();
		assertThat(labels(agenda, "upcoming")).isEmpty();
	}

	@Test
	void aWeeklyCapacityKeepsTheBestNudgesLessThePeopleReachedAndDefersTheRestButNeverAPromise() {
		Instant now = clock.instant();
		LocalDate today = EventFeed.date(now);
		contact("Cold Close", 14, now.minus(Duration.ofDays(30)));
		contact("Cooling Close", 14, now.minus(Duration.ofDays(20)));
		UUID due = contact("Due Close", 14, now.minus(Duration.ofDays(15)));
		contact("Due Wide", 60, now.minus(Duration.ofDays(62)));
		UUID promises = contact("Promises", null, now);
		promise(promises, followUp("Send the slides", today.minusDays(3), Owner.ME));
		awaitReminders(5);
		assertThat(api.get("/api/reminders/plan", token).json().get("weeklyCapacity").isNull()).isTrue();

		Response set = api.put("/api/reminders/plan", token, "{\"weeklyCapacity\": 3}");
		assertThat(set.status()).as(set.toString()).isEqualTo(200);
		JsonNode planned = agenda("");

		assertThat(labels(planned, "overdue")).containsExactly("Send the slides", "Cold Close", "Cooling Close",
				"Due Close");
		assertThat(labels(planned, "deferred")).containsExactly("Due Wide");
		assertThat(planned.at("/plan/weeklyCapacity").asInt()).isEqualTo(3);
		assertThat(planned.at("/plan/slotsLeft").asInt()).isZero();
		assertThat(planned.at("/plan/deferred").asInt()).isEqualTo(1);

		// A conversation with Due Close this week reaches one person: one slot fewer for the rest.
		feed.send(InteractionLogged.of(UUID.randomUUID(), team, me,
				interaction(List.of(due), clock.instant(), "Coffee", List.of()), clock.instant()));
		Awaitility.await().atMost(WAIT).until(() -> agenda("").at("/plan/reachedThisWeek").asInt() == 1);
		JsonNode after = agenda("");
		assertThat(labels(after, "overdue")).containsExactly("Send the slides", "Cold Close", "Cooling Close");
		assertThat(labels(after, "deferred")).containsExactly("Due Wide");

		assertFieldProblem(api.put("/api/reminders/plan", token, "{\"weeklyCapacity\": 0}"), "weeklyCapacity");
		assertFieldProblem(api.put("/api/reminders/plan", token, "{\"weeklyCapacity\": 101}"), "weeklyCapacity");
		assertThat(api.get("/api/reminders/plan", token).json().get("weeklyCapacity").asInt())
			.as("a refused change changes nothing").isEqualTo(3);
		assertThat(api.put("/api/reminders/plan", token, "{\"weeklyCapacity\": null}").status()).isEqualTo(200);
		JsonNode unlimited = agenda("");
		assertThat(labels(unlimited, "overdue")).containsExactly("Send the slides", "Cold Close", "Cooling Close",
				"Due Wide");
		assertThat(labels(unlimited, "deferred")).isEmpty();
		assertThat(unlimited.at("/plan/slotsLeft").isNull() || unlimited.at("/plan/slotsLeft").isMissingNode()).isTrue();
	}

	@Test
	void todayAndUpcomingAreRankedAndUpcomingLooksFourteenDaysAhead() {
		TestClocks.moveToNext(clock, LocalTime.NOON);
		LocalDate today = EventFeed.date(clock.instant());
		birthday("Birthday Today", today);
		birthday("Birthday Soon", today.plusDays(3));
		UUID promises = contact("Promises", null, clock.instant());
		promise(promises, followUp("Call back", today, Owner.ME), followUp("Send the contract", today, Owner.THEM),
				followUp("Book the table", today.plusDays(5), Owner.ME),
				followUp("Share the deck", today.plusDays(3), Owner.ME),
				followUp("Confirm the date", today.plusDays(2), Owner.THEM),
				followUp("Just in range", today.plusDays(14), Owner.ME),
				followUp("Too far ahead", today.plusDays(15), Owner.ME));
		awaitReminders(9);

		JsonNode agenda = agenda("");

		assertThat(labels(agenda, "overdue")).isEmpty();
		assertThat(labels(agenda, "today")).containsExactly("Call back", "Birthday Today", "Send the contract");
		assertThat(labels(agenda, "upcoming")).containsExactly("Share the deck", "Book the table", "Just in range",
				"Confirm the date", "Birthday Soon");
		assertThat(agenda.get("upcoming").valueStream().map(item -> item.get("rank").asInt()))
			.containsExactly(100, 100, 100, 60, 40);
	}

	@Test
	void todayFollowsTheTzParameterThenTheTimeZoneHeaderThenUtc() {
		TestClocks.moveToNext(clock, LocalTime.NOON);
		LocalDate utcToday = EventFeed.date(clock.instant());
		LocalDate kiritimatiToday = clock.instant().atZone(KIRITIMATI).toLocalDate();
		assertThat(kiritimatiToday).as("precondition: at noon UTC Kiritimati is a day ahead").isEqualTo(utcToday.plusDays(1));
		UUID promises = contact("Promises", null, clock.instant());
		promise(promises, followUp("Due on the UTC date", utcToday, Owner.ME),
				followUp("Due on the Kiritimati date", kiritimatiToday, Owner.ME));
		awaitReminders(2);

		JsonNode byParameter = agenda("?tz=Pacific/Kiritimati");
		assertThat(byParameter.get("date").asString()).isEqualTo(kiritimatiToday.toString());
		assertThat(byParameter.get("timeZone").asString()).isEqualTo("Pacific/Kiritimati");
		assertThat(labels(byParameter, "overdue")).containsExactly("Due on the UTC date");
		assertThat(labels(byParameter, "today")).containsExactly("Due on the Kiritimati date");

		JsonNode byHeader = agenda("", Map.of("X-Time-Zone", "Pacific/Kiritimati"));
		assertThat(byHeader.get("date").asString()).isEqualTo(kiritimatiToday.toString());
		assertThat(labels(byHeader, "today")).containsExactly("Due on the Kiritimati date");

		JsonNode parameterWins = agenda("?tz=Pacific/Pago_Pago", Map.of("X-Time-Zone", "Pacific/Kiritimati"));
		assertThat(parameterWins.get("timeZone").asString()).isEqualTo("Pacific/Pago_Pago");
		assertThat(parameterWins.get("date").asString())
			.isEqualTo(clock.instant().atZone(PAGO_PAGO).toLocalDate().toString());
		assertThat(labels(parameterWins, "overdue")).isEmpty();
		assertThat(labels(parameterWins, "today")).containsExactly("Due on the UTC date");
		assertThat(labels(parameterWins, "upcoming")).containsExactly("Due on the Kiritimati date");

		JsonNode utc = agenda("");
		assertThat(utc.get("timeZone").asString()).isEqualTo("UTC");
		assertThat(utc.get("date").asString()).isEqualTo(utcToday.toString());
		assertThat(labels(utc, "today")).containsExactly("Due on the UTC date");
		assertThat(labels(utc, "upcoming")).containsExactly("Due on the Kiritimati date");

		assertFieldProblem(api.get("/api/reminders?tz=Mars/Olympus_Mons", token), "tz");
		assertFieldProblem(getAgenda("", Map.of("X-Time-Zone", "Mars/Olympus_Mons")), "X-Time-Zone");
		assertFieldProblem(getAgenda("?tz=", Map.of("X-Time-Zone", "Mars/Olympus_Mons")), "X-Time-Zone");
	}

	@Test
	void completingClosesTheReminderOnceAndPublishesReminderCompleted() {
		Fixture reminder = dueFollowUp("Send the photos");

		Response completed = api.post("/api/reminders/" + reminder.id() + "/complete", token, null);

		assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
		assertThat(completed.json().get("id").asString()).isEqualTo(reminder.id().toString());
		assertThat(completed.json().get("status").asString()).isEqualTo("COMPLETED");
		assertThat(ids(agenda(""))).doesNotContain(reminder.id().toString());
		ReminderCompleted event = awaitEvent(reminder.id(), ReminderCompleted.class);
		assertThat(event.teamId()).isEqualTo(team);
		assertThat(event.userId()).isEqualTo(me);
		assertThat(event.contactId()).isEqualTo(reminder.contactId());
		assertThat(event.kind()).isEqualTo(ReminderKind.FOLLOW_UP);
		assertThat(typesFor(reminder.id())).containsExactly("ReminderDue", "ReminderCompleted");

		assertProblem(api.post("/api/reminders/" + reminder.id() + "/complete", token, null), 409, "conflict");
		assertProblem(api.post("/api/reminders/" + reminder.id() + "/dismiss", token, null), 409, "conflict");
		assertProblem(snooze(reminder.id(), "{\"until\": \"" + EventFeed.date(clock.instant()).plusDays(2) + "\"}"), 409,
				"conflict");
	}

	@Test
	void dismissingClosesTheReminderOnceAndPublishesReminderDismissed() {
		Fixture reminder = dueFollowUp("Return the book");

		Response dismissed = api.post("/api/reminders/" + reminder.id() + "/dismiss", token, null);

		assertThat(dismissed.status()).as(dismissed.toString()).isEqualTo(200);
		assertThat(dismissed.json().get("status").asString()).isEqualTo("DISMISSED");
		assertThat(ids(agenda(""))).doesNotContain(reminder.id().toString());
		ReminderDismissed event = awaitEvent(reminder.id(), ReminderDismissed.class);
		assertThat(event.teamId()).isEqualTo(team);
		assertThat(event.userId()).isEqualTo(me);
		assertThat(event.contactId()).isEqualTo(reminder.contactId());
		assertThat(event.kind()).isEqualTo(ReminderKind.FOLLOW_UP);
		assertThat(typesFor(reminder.id())).as("dismissed, not completed").containsExactly("ReminderDue",
				"ReminderDismissed");

		assertProblem(api.post("/api/reminders/" + reminder.id() + "/dismiss", token, null), 409, "conflict");
		assertProblem(api.post("/api/reminders/" + reminder.id() + "/complete", token, null), 409, "conflict");
	}

	@Test
	void aSnoozedReminderLeavesTodayPublishesReminderSnoozedAndComesBackWhenDueAgain() {
		TestClocks.moveToNext(clock, LocalTime.NOON);
		Fixture reminder = dueFollowUp("Ask about the new job");
		LocalDate today = EventFeed.date(clock.instant());
		LocalDate until = today.plusDays(2);

		Response snoozed = snooze(reminder.id(), "{\"until\": \"" + until + "\"}");

		assertThat(snoozed.status()).as(snoozed.toString()).isEqualTo(200);
		assertThat(snoozed.json().get("status").asString()).isEqualTo("PENDING");
		assertThat(snoozed.json().get("dueOn").asString()).isEqualTo(until.toString());
		ReminderSnoozed event = awaitEvent(reminder.id(), ReminderSnoozed.class);
		assertThat(event.until()).isEqualTo(until);
		assertThat(event.userId()).isEqualTo(me);
		assertThat(event.contactId()).isEqualTo(reminder.contactId());
		JsonNode whileSnoozed = agenda("");
		assertThat(ids(whileSnoozed.get("today"))).doesNotContain(reminder.id().toString());
		assertThat(ids(whileSnoozed.get("overdue"))).doesNotContain(reminder.id().toString());
		assertThat(item(whileSnoozed.get("upcoming"), reminder.id()).get("dueOn").asString()).isEqualTo(until.toString());

		clock.shift(Duration.ofDays(1));
		scheduler.runOnce();
		assertThat(item(agenda("").get("upcoming"), reminder.id()).get("status").asString())
			.as("the day before, still put off")
			.isEqualTo("PENDING");

		clock.shift(Duration.ofDays(1));
		scheduler.runOnce();
		JsonNode dueAgain = item(agenda("").get("today"), reminder.id());
		assertThat(dueAgain.get("status").asString()).isEqualTo("DUE");
		List<Message> due = reminderEvents.awaitMessages(
				m -> reminder.id().toString().equals(m.key()) && "ReminderDue".equals(m.type()),
				received -> received.size() >= 2, WAIT);
		assertThat(((ReminderDue) new EventCodec().fromJson("ReminderDue", due.get(1).value())).dueOn()).isEqualTo(until);
		assertThat(typesFor(reminder.id())).containsExactly("ReminderDue", "ReminderSnoozed", "ReminderDue");
	}

	@Test
	void keepingInTouchSnoozedThreeTimesAtOneCadenceOffersALongerOneUntilTheCadenceChangesOrItIsDeclined() {
		Instant now = clock.instant();
		LocalDate today = EventFeed.date(now);
		UUID ada = contact("Snoozed Ada", 14, now.minus(Duration.ofDays(30)));
		awaitReminders(1);
		UUID nudge = UUID.fromString(agenda("").get("overdue").get(0).get("id").asString());
		String later = "{\"until\": \"" + today.plusDays(3) + "\"}";

		assertThat(snooze(nudge, later).status()).isEqualTo(200);
		assertThat(snooze(nudge, later).status()).isEqualTo(200);
		assertThat(relationship(ada).get("cadenceOffer").isNull()).as("two snoozes are no pattern yet").isTrue();
		assertThat(snooze(nudge, later).status()).isEqualTo(200);
		JsonNode offer = relationship(ada).get("cadenceOffer");
		assertThat(offer.get("snoozes").asInt()).isEqualTo(3);
		assertThat(offer.get("currentDays").asInt()).isEqualTo(14);
		assertThat(offer.get("suggestedDays").asInt()).isEqualTo(30);

		// Declined: the count starts again.
		assertThat(api.delete("/api/relationships/" + ada + "/cadence-offer", token).status()).isEqualTo(204);
		assertThat(relationship(ada).get("cadenceOffer").isNull()).isTrue();
		for (int i = 0; i < 3; i++) {
			snooze(nudge, later);
		}
		assertThat(relationship(ada).get("cadenceOffer").get("suggestedDays").asInt()).isEqualTo(30);

		// Taken (the contact's cadence changed in contacts-service): offered no more at the new cadence.
		feed.send(ContactUpdated.of(ada, team, me, new ContactSnapshot("Snoozed Ada", null, null, List.of(), List.of(),
				null, null, null, null, List.of(), List.of(), null, List.of(), new Cadence(null, 30), Visibility.PRIVATE,
				false, 2, now.minus(Duration.ofDays(30)), clock.instant()), List.of("cadence"), clock.instant()));
		Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(relationship(ada).get("cadenceDays").asInt()).isEqualTo(30));
		assertThat(relationship(ada).get("cadenceOffer").isNull()).isTrue();
		assertProblem(api.delete("/api/relationships/" + UUID.randomUUID() + "/cadence-offer", token), 404, "not-found");
	}

	private JsonNode relationship(UUID contactId) {
		Response response = api.get("/api/relationships/" + contactId, token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	@Test
	void aDismissedNudgeHoldsTheNextAboutTheSameContactBackForAWeekWithoutLosingIt() {
		Instant now = clock.instant();
		UUID ada = contact("Dismissed Ada", 14, now.minus(Duration.ofDays(15)));
		awaitReminders(1);
		String first = agenda("").get("overdue").get(0).get("id").asString();
		assertThat(api.post("/api/reminders/" + first + "/dismiss", token, null).status()).isEqualTo(200);
		Instant dismissedAt = clock.instant();

		// Four days on the relationship is COOLING (18 days past a 14-day cadence): a new nudge, held back.
		clock.shift(Duration.ofDays(4));
		scheduler.runOnce();
		List<Map<String, Object>> open = openNudges(ada);
		assertThat(open).hasSize(1);
		assertThat(open.getFirst()).containsEntry("status", "PENDING");
		assertThat(((Number) open.getFirst().get("due_epoch")).doubleValue()).as("due a week after the dismissal")
			.isCloseTo(dismissedAt.plus(Duration.ofDays(7)).getEpochSecond(), within(1.5));
		JsonNode quiet = agenda("");
		assertThat(ids(quiet.get("overdue"))).doesNotContain(open.getFirst().get("id").toString());
		assertThat(ids(quiet.get("today"))).doesNotContain(open.getFirst().get("id").toString());

		// A week after the dismissal it fires.
		clock.shift(Duration.ofDays(3).plusMinutes(1));
		scheduler.runOnce();
		assertThat(openNudges(ada)).singleElement().satisfies(row -> assertThat(row).containsEntry("status", "DUE"));
	}

	private List<Map<String, Object>> openNudges(UUID contactId) {
		return jdbc.sql("""
				select id, status, extract(epoch from due_at) as due_epoch from reminder
				where contact_id = :id and kind = 'KEEP_IN_TOUCH' and status in ('PENDING', 'DUE')
				""").param("id", contactId).query().listOfRows();
	}

	@Test
	void snoozeNeedsADateAfterTheCallersToday() {
		TestClocks.moveToNext(clock, LocalTime.NOON);
		Fixture reminder = dueFollowUp("Check on the garden");
		LocalDate today = EventFeed.date(clock.instant());

		assertFieldProblem(snooze(reminder.id(), "{\"until\": \"" + today + "\"}"), "until");
		assertFieldProblem(snooze(reminder.id(), "{\"until\": \"" + today.minusDays(1) + "\"}"), "until");
		assertFieldProblem(snooze(reminder.id(), "{}"), "until");
		assertFieldProblem(snooze(reminder.id(), "{\"until\": null}"), "until");
		assertFieldProblem(snooze(reminder.id(), "{\"until\": \"next tuesday\"}"), "until");
		assertFieldProblem(snooze(reminder.id(), "{\"until\": \"2026-13-01\"}"), "until");
		assertProblem(snooze(reminder.id(), "{\"until\": "), 400, "malformed-request");
		assertProblem(snooze(reminder.id(), null), 400, "malformed-request");
		// Tomorrow in UTC is already today in Kiritimati.
		assertFieldProblem(api.post("/api/reminders/" + reminder.id() + "/snooze?tz=Pacific/Kiritimati", token,
				"{\"until\": \"" + today.plusDays(1) + "\"}"), "until");
		assertThat(item(agenda("").get("today"), reminder.id()).get("status").asString())
			.as("a refused snooze changes nothing")
			.isEqualTo("DUE");

		Response snoozed = snooze(reminder.id(), "{\"until\": \"" + today.plusDays(1) + "\"}");
		assertThat(snoozed.status()).as(snoozed.toString()).isEqualTo(200);
		awaitEvent(reminder.id(), ReminderSnoozed.class);
		assertThat(typesFor(reminder.id())).as("only the accepted snooze was published")
			.containsExactly("ReminderDue", "ReminderSnoozed");
	}

	@Test
	void anUnknownReminderAndSomeoneElsesAreNotFound() {
		Fixture mine = dueFollowUp("Water the plants");
		String teammate = TestTokens.token(UUID.randomUUID(), team);
		String sameUserOtherTeam = TestTokens.token(me, UUID.randomUUID());

		assertNotFoundForEveryAction(UUID.randomUUID(), token);
		assertNotFoundForEveryAction(mine.id(), teammate);
		assertNotFoundForEveryAction(mine.id(), sameUserOtherTeam);
		assertThat(ids(api.get("/api/reminders", teammate).json())).doesNotContain(mine.id().toString());
		assertThat(ids(api.get("/api/reminders", sameUserOtherTeam).json())).doesNotContain(mine.id().toString());

		assertThat(item(agenda(""), mine.id()).get("status").asString()).as("untouched").isEqualTo("DUE");
		assertThat(api.post("/api/reminders/" + mine.id() + "/complete", token, null).status()).isEqualTo(200);
	}

	private void assertNotFoundForEveryAction(UUID id, String caller) {
		String later = "{\"until\": \"" + EventFeed.date(clock.instant()).plusDays(2) + "\"}";
		assertProblem(api.post("/api/reminders/" + id + "/complete", caller, null), 404, "not-found");
		assertProblem(api.post("/api/reminders/" + id + "/dismiss", caller, null), 404, "not-found");
		assertProblem(api.post("/api/reminders/" + id + "/snooze", caller, later), 404, "not-found");
	}

	/** A follow-up I owe, due today, fired by the scheduler: an open DUE reminder on my agenda. */
	private Fixture dueFollowUp(String text) {
		UUID contactId = contact("Friend who needs: " + text, null, clock.instant());
		promise(contactId, followUp(text, EventFeed.date(clock.instant()), Owner.ME));
		UUID id = Awaitility.await()
			.atMost(WAIT)
			.until(() -> jdbc.sql("select id from reminder where team_id = :team and detail ->> 'text' = :text")
				.param("team", team)
				.param("text", text)
				.query(UUID.class)
				.optional()
				.orElse(null), Objects::nonNull);
		scheduler.runOnce();
		assertThat(item(agenda(""), id).get("status").asString()).isEqualTo("DUE");
		awaitEvent(id, ReminderDue.class);
		return new Fixture(id, contactId);
	}

	private UUID contact(String name, Integer cadenceDays, Instant createdAt) {
		UUID id = UUID.randomUUID();
		feed.send(ContactCreated.of(id, team, me,
				EventFeed.contact(name, cadenceDays == null ? null : new Cadence(null, cadenceDays), Visibility.PRIVATE, createdAt),
				clock.instant()));
		return id;
	}

	private void birthday(String name, LocalDate on) {
		feed.send(ContactCreated.of(UUID.randomUUID(), team, me, EventFeed.contact(name, null, Visibility.PRIVATE, clock.instant(),
				new ImportantDate(Kind.BIRTHDAY, null, on.getMonthValue(), on.getDayOfMonth(), null)), clock.instant()));
	}

	/** An interaction I logged with the contact, carrying follow-ups; each dated one becomes a reminder for me. */
	private void promise(UUID contactId, FollowUp... followUps) {
		Instant at = clock.instant().minus(Duration.ofDays(10));
		feed.send(InteractionLogged.of(UUID.randomUUID(), team, me,
				interaction(List.of(contactId), at, "Made some promises", List.of(), followUps), clock.instant()));
	}

	private static FollowUp followUp(String text, LocalDate dueOn, Owner owedBy) {
		return new FollowUp(UUID.randomUUID(), text, dueOn, owedBy, null);
	}

	private void awaitReminders(int count) {
		Awaitility.await()
			.atMost(WAIT)
			.until(() -> jdbc.sql("select count(*) from reminder where team_id = :team")
				.param("team", team)
				.query(Integer.class)
				.single() == count);
	}

	/** Moves the clock forward to the next {@code time} UTC, so "today" cannot change while the test runs. */
	private JsonNode agenda(String query) {
		return agenda(query, Map.of());
	}

	private JsonNode agenda(String query, Map<String, String> headers) {
		Response response = getAgenda(query, headers);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private Response getAgenda(String query, Map<String, String> headers) {
		return api.send("GET", "/api/reminders" + query, token, BodyPublishers.noBody(), headers);
	}

	private Response snooze(UUID id, String body) {
		return api.post("/api/reminders/" + id + "/snooze", token, body);
	}

	private <E extends ReminderEvent> E awaitEvent(UUID reminderId, Class<E> type) {
		Message message = reminderEvents
			.awaitMessages(m -> reminderId.toString().equals(m.key()) && type.getSimpleName().equals(m.type()),
					received -> !received.isEmpty(), WAIT)
			.getFirst();
		return type.cast(new EventCodec().fromJson(message.type(), message.value()));
	}

	/** The types of the reminder's events so far, in order; call after awaiting the last one expected. */
	private List<String> typesFor(UUID reminderId) {
		return reminderEvents.awaitMessages(m -> reminderId.toString().equals(m.key()), received -> true, WAIT)
			.stream()
			.map(Message::type)
			.toList();
	}

	/** What a reader recognizes an item by: a follow-up's text, otherwise the contact's name. */
	private static List<String> labels(JsonNode agenda, String section) {
		return agenda.get(section)
			.valueStream()
			.map(item -> item.get("kind").asString().equals("FOLLOW_UP") ? item.get("detail").get("text").asString()
					: item.get("contactName").asString())
			.toList();
	}

	private static List<String> ids(JsonNode agendaOrSection) {
		if (agendaOrSection.isArray()) {
			return agendaOrSection.valueStream().map(item -> item.get("id").asString()).toList();
		}
		return Stream.of("overdue", "today", "upcoming")
			.flatMap(section -> ids(agendaOrSection.get(section)).stream())
			.toList();
	}

	/** The reminder in one section, or (given the whole agenda) in any. */
	private static JsonNode item(JsonNode agendaOrSection, UUID id) {
		Stream<JsonNode> items = agendaOrSection.isArray() ? agendaOrSection.valueStream()
				: Stream.of("overdue", "today", "upcoming")
					.flatMap(section -> agendaOrSection.get(section).valueStream());
		List<JsonNode> found = items.filter(item -> item.get("id").asString().equals(id.toString())).toList();
		assertThat(found).as("reminder %s in %s", id, agendaOrSection).hasSize(1);
		return found.getFirst();
	}

	/** A reminder made for a test, and the contact it is about. */
	record Fixture(UUID id, UUID contactId) {
	}

}
