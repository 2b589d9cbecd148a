package dev.rapport.reminders;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.util.DateTimeComponents;
import biweekly.util.Frequency;
import biweekly.util.ICalDate;
import biweekly.util.Recurrence;
import io.micrometer.observation.ObservationRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.ContactArchived;
import dev.rapport.events.ContactCreated;
import dev.rapport.events.ContactSnapshot.ImportantDate;
import dev.rapport.events.ContactSnapshot.ImportantDate.Kind;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.events.InteractionLogged;
import dev.rapport.events.InteractionSnapshot.FollowUp;
import dev.rapport.events.InteractionSnapshot.FollowUp.Owner;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ApiClient.Response;
import dev.rapport.platform.test.ObservedValues;
import dev.rapport.platform.test.TestTokens;
import dev.rapport.platform.time.ShiftableClock;

import static dev.rapport.platform.test.ProblemAssertions.assertProblem;
import static dev.rapport.reminders.EventFeed.interaction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calendar feed as a member and a calendar application see it: the member creates, replaces and revokes a secret
 * URL through the API; the application fetches the URL with no token and reads iCalendar, parsed back here with
 * biweekly: the dates of the contacts the member may see as yearly all-day events, their open follow-ups, and
 * nothing of a teammate's private contacts or of another team.
 */
@RemindersIntegrationTest
class CalendarFeedApiTest {

	static final Duration WAIT = Duration.ofSeconds(60);

	static EventFeed feed;

	@LocalServerPort
	int port;

	@Autowired
	ShiftableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ObservationRegistry observations;

	final UUID team = UUID.randomUUID();

	final UUID me = UUID.randomUUID();

	final UUID teammate = UUID.randomUUID();

	ApiClient api;

	String token;

	@BeforeAll
	static void open() {
		feed = new EventFeed();
	}

	@AfterAll
	static void close() {
		feed.close();
	}

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		token = TestTokens.token(me, team);
	}

	@Test
	void aMemberCreatesRotatesAndRevokesTheirFeedAndOnlyTheCurrentUrlWorks() {
		assertProblem(api.get("/api/reminders/calendar-feed", token), 404, "not-found");

		Response created = api.post("/api/reminders/calendar-feed", token, null);

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String url = created.json().get("url").asString();
		assertThat(url).matches("/feeds/calendar/[A-Za-z0-9_-]{43}\\.ics");
		Instant createdAt = Instant.parse(created.json().get("createdAt").asString());
		JsonNode status = api.get("/api/reminders/calendar-feed", token).json();
		assertThat(Instant.parse(status.get("createdAt").asString())).isEqualTo(createdAt);
		assertThat(status.get("lastFetchedAt").isNull()).as("never fetched yet").isTrue();
		assertThat(status.has("url")).as("the secret is shown once, when made").isFalse();
		String secret = url.substring("/feeds/calendar/".length(), url.length() - ".ics".length());
		assertThat(jdbc.sql("select count(*) from calendar_feed where encode(secret_sha256, 'escape') like :secret")
			.param("secret", "%" + secret + "%")
			.query(Integer.class)
			.single()).as("only a hash is stored").isZero();

		assertThat(fetch(url).status()).isEqualTo(200);
		JsonNode fetched = api.get("/api/reminders/calendar-feed", token).json();
		assertThat(Instant.parse(fetched.get("lastFetchedAt").asString())).isAfterOrEqualTo(createdAt);
		assertProblem(api.get("/api/reminders/calendar-feed", TestTokens.token(teammate, team)), 404, "not-found");
		assertProblem(api.get("/api/reminders/calendar-feed", TestTokens.token(me, UUID.randomUUID())), 404,
				"not-found");

		clock.shift(Duration.ofSeconds(1));
		Response rotated = api.post("/api/reminders/calendar-feed", token, null);
		assertThat(rotated.status()).isEqualTo(201);
		String newUrl = rotated.json().get("url").asString();
		assertThat(newUrl).isNotEqualTo(url);
		assertProblem(fetch(url), 404, "not-found");
		assertThat(fetch(newUrl).status()).isEqualTo(200);
		assertThat(Instant.parse(api.get("/api/reminders/calendar-feed", token).json().get("createdAt").asString()))
			.as("the current URL's").isAfter(createdAt);

		assertThat(api.delete("/api/reminders/calendar-feed", token).status()).isEqualTo(204);
		assertProblem(fetch(newUrl), 404, "not-found");
		assertProblem(api.get("/api/reminders/calendar-feed", token), 404, "not-found");
		assertThat(api.delete("/api/reminders/calendar-feed", token).status()).as("revoking twice is fine")
			.isEqualTo(204);
	}

	@Test
	void theApiNeedsACallerButTheFeedNeedsNoToken() {
		assertProblem(api.post("/api/reminders/calendar-feed", null, null), 401, "unauthorized");
		assertProblem(api.get("/api/reminders/calendar-feed", null), 401, "unauthorized");
		assertProblem(api.delete("/api/reminders/calendar-feed", null), 401, "unauthorized");
		String url = createFeed();

		assertThat(fetch(url).status()).isEqualTo(200);
		Response withStaleHeader = api.send("GET", url, "not-a-token", BodyPublishers.noBody(), Map.of());
		assertThat(withStaleHeader.status()).as("an Authorization header is not even read there").isEqualTo(200);
	}

	@Test
	void aFeedRequestsObservationCarriesNoSecret() {
		Queue<String> urls = ObservedValues.containing(observations, "/feeds/");
		String url = createFeed();
		String secret = url.substring("/feeds/calendar/".length(), url.length() - ".ics".length());

		assertThat(fetch(url).status()).isEqualTo(200);

		Awaitility.await().atMost(WAIT).until(() -> !urls.isEmpty());
		assertThat(urls).as("what a trace would carry").allSatisfy(seen -> assertThat(seen).doesNotContain(secret))
			.contains("/feeds/calendar/<secret>");
	}

	@Test
	void anUnknownOrMalformedSecretIsOneAndTheSame404() {
		String unknown = "/feeds/calendar/" + "A".repeat(43) + ".ics";
		assertProblem(fetch(unknown), 404, "not-found");
		assertProblem(fetch("/feeds/calendar/too-short.ics"), 404, "not-found");
		Response asACalendarAsks = api.send("GET", unknown, null, BodyPublishers.noBody(),
				Map.of("Accept", "text/calendar"));
		assertThat(asACalendarAsks.status()).isEqualTo(404);
		assertThat(fetch(unknown).body()).isEqualTo(fetch("/feeds/calendar/" + "B".repeat(43) + ".ics").body()
			.replace("B".repeat(43), "A".repeat(43)));
	}

	@Test
	void theFeedHoldsTheDatesOfTheContactsTheMemberSeesAndTheirOpenFollowUps() {
		UUID ada = contact(me, team, "Ada Lovelace", Visibility.PRIVATE, new ImportantDate(Kind.BIRTHDAY, null, 12, 10, 1815),
				new ImportantDate(Kind.CUSTOM, "Name day", 5, 5, null));
		contact(me, team, "Leap Leo", Visibility.PRIVATE, new ImportantDate(Kind.BIRTHDAY, null, 2, 29, null));
		UUID sam = contact(teammate, team, "Shared Sam", Visibility.TEAM, new ImportantDate(Kind.ANNIVERSARY, "Founded the club", 1, 1, 2010));
		contact(teammate, team, "Secret Sue", Visibility.PRIVATE, new ImportantDate(Kind.BIRTHDAY, null, 2, 2, null));
		UUID archived = contact(me, team, "Archived Arlo", Visibility.PRIVATE, new ImportantDate(Kind.BIRTHDAY, null, 4, 4, null));
		UUID otherTeam = UUID.randomUUID();
		contact(me, otherTeam, "Other Team Olly", Visibility.TEAM, new ImportantDate(Kind.BIRTHDAY, null, 3, 3, null));
		// Known first, so the follow-ups' titles name them (an interaction can otherwise overtake its contact).
		awaitRows("select count(*) from relationship where team_id = :team and known", 5);
		LocalDate today = EventFeed.date(clock.instant());
		promise(me, team, ada, new FollowUp(UUID.randomUUID(), "Send the slides", today.plusDays(3), Owner.ME, null),
				new FollowUp(UUID.randomUUID(), "Introduce us to the CTO", today.minusDays(1), Owner.THEM, null),
				new FollowUp(UUID.randomUUID(), "Someday maybe", null, Owner.ME, null),
				new FollowUp(UUID.randomUUID(), "Already done", today.plusDays(1), Owner.ME, null));
		promise(teammate, team, sam, new FollowUp(UUID.randomUUID(), "Teammate's promise", today, Owner.ME, null));
		feed.send(ContactArchived.of(archived, team, me, clock.instant()));
		awaitRows("select count(*) from relationship where team_id = :team and known and archived", 1);
		awaitRows("select count(*) from reminder where team_id = :team and kind = 'FOLLOW_UP'", 4);
		UUID done = jdbc.sql("select id from reminder where team_id = :team and detail ->> 'text' = 'Already done'")
			.param("team", team)
			.query(UUID.class)
			.single();
		assertThat(api.post("/api/reminders/" + done + "/complete", token, null).status()).isEqualTo(200);
		String url = createFeed();

		Response response = fetch(url);

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.header("Content-Type")).isEqualToIgnoringCase("text/calendar;charset=utf-8");
		List<ICalendar> all = Biweekly.parse(response.body()).all();
		assertThat(all).hasSize(1);
		ICalendar calendar = all.getFirst();
		assertThat(calendar.getExperimentalProperty("X-WR-CALNAME").getValue()).isEqualTo("Rapport");
		assertThat(calendar.getExperimentalProperty("X-PUBLISHED-TTL").getValue()).isEqualTo("PT1H");
		assertThat(response.body()).contains("\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n")
			.contains("\r\nPRODID:-//Rapport//Calendar feed//EN\r\n");
		// Not Secret Sue (the teammate's private contact), Archived Arlo, Other Team Olly, the teammate's promise, the
		// follow-up already done, the one without a date.
		assertThat(calendar.getEvents()).extracting(event -> event.getSummary().getValue())
			.containsExactlyInAnyOrder("Ada Lovelace's birthday", "Ada Lovelace: Name day", "Leap Leo's birthday",
					"Shared Sam: Founded the club", "You promised Ada Lovelace: Send the slides",
					"Ada Lovelace promised: Introduce us to the CTO (check in)");
		assertThat(calendar.getEvents()).allSatisfy(event -> {
			assertThat(event.getUid().getValue()).isNotBlank();
			assertThat(event.getDateTimeStamp()).isNotNull();
			assertThat(event.getDateStart().getValue().hasTime()).as("all-day").isFalse();
			assertThat(event.getDateStart().getParameters().getTimezoneId()).as("floating").isNull();
		});
		assertThat(calendar.getEvents()).extracting(event -> event.getUid().getValue()).doesNotHaveDuplicates();

		VEvent birthday = event(calendar, "Ada Lovelace's birthday");
		assertThat(date(birthday)).isEqualTo(LocalDate.of(1815, 12, 10));
		assertYearly(birthday, 12, 10);
		VEvent nameDay = event(calendar, "Ada Lovelace: Name day");
		assertThat(date(nameDay)).as("a date without a year starts in a fixed past year").isEqualTo(LocalDate.of(2000, 5, 5));
		assertYearly(nameDay, 5, 5);
		VEvent leap = event(calendar, "Leap Leo's birthday");
		assertThat(date(leap)).isEqualTo(LocalDate.of(2000, 2, 29));
		assertYearly(leap, 2, -1);
		assertThat(response.body()).contains("RRULE:FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2");
		VEvent slides = event(calendar, "You promised Ada Lovelace: Send the slides");
		assertThat(date(slides)).isEqualTo(today.plusDays(3));
		assertThat(slides.getRecurrenceRule()).as("once").isNull();
		assertThat(date(event(calendar, "Ada Lovelace promised: Introduce us to the CTO (check in)"))).isEqualTo(today.minusDays(1));

		List<String> uids = calendar.getEvents().stream().map(event -> event.getUid().getValue()).toList();
		clock.shift(Duration.ofMinutes(5));
		ICalendar again = Biweekly.parse(fetch(url).body()).first();
		assertThat(again.getEvents()).as("the same events again, so a calendar application updates, not duplicates")
			.extracting(event -> event.getUid().getValue())
			.containsExactlyInAnyOrderElementsOf(uids);

		// The teammate's own feed: their private contact and their promise, the shared contact; not my private ones.
		String teammates = api.post("/api/reminders/calendar-feed", TestTokens.token(teammate, team), null)
			.json()
			.get("url")
			.asString();
		assertThat(Biweekly.parse(fetch(teammates).body()).first().getEvents())
			.extracting(event -> event.getSummary().getValue())
			.contains("Secret Sue's birthday", "Shared Sam: Founded the club",
					"You promised Shared Sam: Teammate's promise")
			.noneMatch(summary -> summary.startsWith("Ada") || summary.startsWith("Leap"));
	}

	private String createFeed() {
		Response created = api.post("/api/reminders/calendar-feed", token, null);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("url").asString();
	}

	/** As a calendar application fetches it: no token, no session. */
	private Response fetch(String url) {
		return api.get(url, null);
	}

	private UUID contact(UUID owner, UUID teamId, String name, Visibility visibility, ImportantDate... dates) {
		UUID id = UUID.randomUUID();
		feed.send(ContactCreated.of(id, teamId, owner, EventFeed.contact(name, null, visibility, clock.instant(), dates),
				clock.instant()));
		return id;
	}

	private void promise(UUID author, UUID teamId, UUID contactId, FollowUp... followUps) {
		Instant at = clock.instant().minus(Duration.ofDays(2));
		feed.send(InteractionLogged.of(UUID.randomUUID(), teamId, author,
				interaction(List.of(contactId), at, "Made some promises", List.of(), followUps), clock.instant()));
	}

	private void awaitRows(String countSql, int count) {
		Awaitility.await()
			.atMost(WAIT)
			.until(() -> jdbc.sql(countSql).param("team", team).query(Integer.class).single() == count);
	}

	private static VEvent event(ICalendar calendar, String summary) {
		List<VEvent> found = calendar.getEvents()
			.stream()
			.filter(event -> event.getSummary().getValue().equals(summary))
			.toList();
		assertThat(found).as(summary).hasSize(1);
		return found.getFirst();
	}

	/** The date as written in the text (biweekly's raw components), whatever this JVM's time zone. */
	private static LocalDate date(VEvent event) {
		ICalDate start = event.getDateStart().getValue();
		DateTimeComponents raw = start.getRawComponents();
		return LocalDate.of(raw.getYear(), raw.getMonth(), raw.getDate());
	}

	private static void assertYearly(VEvent event, int month, int monthDay) {
		Recurrence rule = event.getRecurrenceRule().getValue();
		assertThat(rule.getFrequency()).isEqualTo(Frequency.YEARLY);
		assertThat(rule.getByMonth()).containsExactly(month);
		assertThat(rule.getByMonthDay()).containsExactly(monthDay);
		assertThat(rule.getUntil()).isNull();
		assertThat(rule.getCount()).isNull();
	}

}
