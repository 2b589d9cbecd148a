package dev.rapport.interactions;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.interactions.contact.ContactReplicaRepository;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ApiClient.Response;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestClocks;
import dev.rapport.platform.test.TestTokens;
import dev.rapport.platform.time.ShiftableClock;

import static dev.rapport.interactions.Interactions.ids;
import static dev.rapport.platform.test.ProblemAssertions.assertFieldProblem;
import static dev.rapport.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The follow-up ledger over HTTP: the caller's own follow-ups only, overdue first, filtered, paged, "today" in the
 * caller's time zone, and the errors a client can cause. Each test is its own team.
 */
@ServiceIntegrationTest
class FollowUpLedgerApiTest {

	static final ZoneId KIRITIMATI = ZoneId.of("Pacific/Kiritimati");

	static final ZoneId PAGO_PAGO = ZoneId.of("Pacific/Pago_Pago");

	@LocalServerPort
	int port;

	@Autowired
	ContactReplicaRepository replicas;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ShiftableClock clock;

	ApiClient api;

	ContactFeed feed;

	UUID team;

	UUID user;

	String token;

	UUID ada;

	UUID grace;

	@BeforeEach
	void newTeam() {
		api = new ApiClient(port);
		feed = new ContactFeed(replicas, jdbc);
		team = UUID.randomUUID();
		user = UUID.randomUUID();
		token = TestTokens.token(user, team, "member");
		ada = feed.contact(team, user, Visibility.PRIVATE);
		grace = feed.contact(team, user, Visibility.TEAM);
	}

	@AfterEach
	void closeFeed() {
		feed.close();
	}

	@Test
	void openFollowUpsByDueDateOverdueFirstNoDueDateLastCompletedOnlyWhenAsked() {
		LocalDate today = today(ZoneOffset.UTC);
		JsonNode older = log(token, daysAgo(3), List.of(ada), followUp("Older, no date", null, "ME"),
				followUp("Older, due in a week", today.plusDays(7), "THEM"),
				followUp("Older, done", today.minusDays(9), "ME"));
		JsonNode newer = log(token, daysAgo(1), List.of(ada, grace), followUp("Newer, due in a week", today.plusDays(7),
				"ME"), followUp("Newer, two days late", today.minusDays(2), "ME"),
				followUp("Newer, due today", today, "THEM"), followUp("Newer, no date", null, "THEM"));
		complete(older, 2);

		JsonNode open = ledger("");
		assertThat(texts(open)).containsExactly("Newer, two days late", "Newer, due today", "Newer, due in a week",
				"Older, due in a week", "Newer, no date", "Older, no date");
		assertThat(open.at("/items/0/overdue").asBoolean()).isTrue();
		assertThat(open.get("items").valueStream().skip(1).map(item -> item.get("overdue").asBoolean()))
			.as("due today is not overdue yet, no due date never is")
			.containsOnly(false);
		assertThat(open.get("totalItems").asLong()).isEqualTo(6);

		JsonNode late = open.at("/items/0");
		assertThat(late.propertyNames()).containsExactlyInAnyOrder("interactionId", "followUpId", "text", "dueOn",
				"owedBy", "completedAt", "overdue", "participantIds", "interactionType", "happenedAt", "summary");
		assertThat(late.get("interactionId").asString()).isEqualTo(newer.get("id").asString());
		assertThat(late.get("followUpId").asString()).isEqualTo(newer.at("/followUps/1/id").asString());
		assertThat(late.get("dueOn").asString()).isEqualTo(today.minusDays(2).toString());
		assertThat(late.get("owedBy").asString()).isEqualTo("ME");
		assertThat(late.get("completedAt").isNull()).isTrue();
		assertThat(late.get("participantIds").valueStream().map(JsonNode::asString)).containsExactly(ada.toString(),
				grace.toString());
		assertThat(late.get("interactionType").asString()).isEqualTo("CALL");
		assertThat(late.get("happenedAt").asString()).isEqualTo(newer.get("happenedAt").asString());
		assertThat(late.get("summary").asString()).isEqualTo("Caught up");
		assertThat(open.at("/items/5/dueOn").isNull()).isTrue();

		JsonNode all = ledger("?status=ALL");
		assertThat(texts(all)).hasSize(7).endsWith("Older, done");
		JsonNode done = all.at("/items/6");
		assertThat(done.get("overdue").asBoolean()).as("completed, so not overdue though long past due").isFalse();
		assertThat(done.get("completedAt").asString()).isEqualTo(
				api.get("/api/interactions/" + older.get("id").asString(), token).json().at("/followUps/2/completedAt")
					.asString());
		assertThat(texts(ledger("?status=COMPLETED"))).containsExactly("Older, done");
		assertThat(texts(ledger("?status=OPEN"))).isEqualTo(texts(open));
	}

	@Test
	void filtersByWhoOwesIt() {
		LocalDate today = today(ZoneOffset.UTC);
		log(token, daysAgo(1), List.of(ada), followUp("I send the deck", today, "ME"),
				followUp("She sends the intro", today.plusDays(1), "THEM"), followUp("I call back", null, "ME"));

		assertThat(texts(ledger("?owedBy=ME"))).containsExactly("I send the deck", "I call back");
		assertThat(texts(ledger("?owedBy=THEM"))).containsExactly("She sends the intro");
		assertThat(texts(ledger(""))).containsExactly("I send the deck", "She sends the intro", "I call back");
		assertThat(ledger("?owedBy=THEM").get("totalItems").asLong()).isEqualTo(1);
	}

	@Test
	void filtersByParticipant() {
		LocalDate today = today(ZoneOffset.UTC);
		log(token, daysAgo(2), List.of(ada), followUp("Ada only", today, "ME"));
		log(token, daysAgo(1), List.of(ada, grace), followUp("Ada and Grace", today.plusDays(1), "ME"));
		log(token, daysAgo(1), List.of(grace), followUp("Grace only", today.plusDays(2), "ME"));

		assertThat(texts(ledger("?contactId=" + ada))).containsExactly("Ada only", "Ada and Grace");
		assertThat(texts(ledger("?contactId=" + grace))).containsExactly("Ada and Grace", "Grace only");
		assertThat(texts(ledger("?contactId=" + grace + "&owedBy=ME&status=ALL"))).hasSize(2);
		assertThat(ledger("?contactId=" + UUID.randomUUID()).get("totalItems").asLong()).isZero();
	}

	@Test
	void showsOnlyTheCallersOwnFollowUpsNeverATeammatesOrAnotherTeams() {
		LocalDate today = today(ZoneOffset.UTC);
		UUID teammate = UUID.randomUUID();
		String teammateToken = TestTokens.token(teammate, team, "admin");
		UUID otherTeam = UUID.randomUUID();
		String sameUserOtherTeam = TestTokens.token(user, otherTeam, "member");
		UUID otherTeamsContact = feed.contact(otherTeam, user, Visibility.PRIVATE);
		log(token, daysAgo(1), List.of(grace), followUp("Mine", today, "ME"));
		log(teammateToken, daysAgo(1), List.of(grace), followUp("The teammate's", today.minusDays(1), "ME"),
				followUp("Owed to the teammate", today, "THEM"));
		log(sameUserOtherTeam, daysAgo(1), List.of(otherTeamsContact), followUp("Mine in the other team", today, "ME"));

		assertThat(texts(ledger(""))).containsExactly("Mine");
		assertThat(texts(ledger("?status=ALL&contactId=" + grace))).containsExactly("Mine");
		assertThat(texts(ledgerOf(teammateToken))).containsExactly("The teammate's", "Owed to the teammate");
		assertThat(texts(ledgerOf(sameUserOtherTeam))).containsExactly("Mine in the other team");
		assertThat(ledgerOf(TestTokens.token(UUID.randomUUID(), team, "admin")).get("totalItems").asLong())
			.as("an admin who wrote nothing").isZero();
	}

	@Test
	void pagesWithTotals() {
		LocalDate today = today(ZoneOffset.UTC);
		log(token, daysAgo(1), List.of(ada), followUp("1", today.minusDays(2), "ME"), followUp("2", today, "ME"),
				followUp("3", today.plusDays(1), "THEM"), followUp("4", today.plusDays(2), "ME"),
				followUp("5", null, "ME"));

		JsonNode first = ledger("?size=2");
		assertThat(texts(first)).containsExactly("1", "2");
		assertThat(first.get("page").asInt()).isZero();
		assertThat(first.get("size").asInt()).isEqualTo(2);
		assertThat(first.get("totalItems").asLong()).isEqualTo(5);
		assertThat(first.get("totalPages").asInt()).isEqualTo(3);
		assertThat(first.get("totalExact").asBoolean()).isTrue();
		assertThat(texts(ledger("?size=2&page=1"))).containsExactly("3", "4");
		assertThat(texts(ledger("?size=2&page=2"))).containsExactly("5");
		JsonNode beyond = ledger("?size=2&page=7");
		assertThat(texts(beyond)).isEmpty();
		assertThat(beyond.get("totalItems").asLong()).isEqualTo(5);
		assertThat(ledger("").get("size").asInt()).as("the default page size").isEqualTo(20);
		assertThat(texts(ledger("?size=100"))).hasSize(5);
	}

	@Test
	void todayFollowsTheTzParameterThenTheTimeZoneHeaderThenUtc() {
		TestClocks.moveToNext(clock, LocalTime.NOON);
		LocalDate utcToday = today(ZoneOffset.UTC);
		assertThat(today(KIRITIMATI)).as("precondition: at noon UTC Kiritimati is a day ahead")
			.isEqualTo(utcToday.plusDays(1));
		assertThat(today(PAGO_PAGO)).as("precondition: and Pago Pago on the UTC date").isEqualTo(utcToday);
		log(token, daysAgo(1), List.of(ada), followUp("Due yesterday", utcToday.minusDays(1), "ME"),
				followUp("Due today", utcToday, "ME"), followUp("Due tomorrow", utcToday.plusDays(1), "THEM"));

		assertThat(overdue(ledger(""))).as("UTC").containsExactly("Due yesterday");
		assertThat(overdue(ledger("?tz=Pacific/Pago_Pago"))).containsExactly("Due yesterday");
		assertThat(overdue(ledger("?tz=Pacific/Kiritimati"))).containsExactly("Due yesterday", "Due today");
		assertThat(overdue(ledger("", Map.of("X-Time-Zone", "Pacific/Kiritimati")))).containsExactly("Due yesterday",
				"Due today");
		assertThat(overdue(ledger("?tz=Pacific/Pago_Pago", Map.of("X-Time-Zone", "Pacific/Kiritimati"))))
			.as("the parameter wins").containsExactly("Due yesterday");

		assertFieldProblem(api.get("/api/follow-ups?tz=Mars/Olympus_Mons", token), "tz");
		assertFieldProblem(get(token, "", Map.of("X-Time-Zone", "Mars/Olympus_Mons")), "X-Time-Zone");
		assertFieldProblem(get(token, "?tz=", Map.of("X-Time-Zone", "Mars/Olympus_Mons")), "X-Time-Zone");
	}

	@Test
	void refusesBadParametersNamingThem() {
		assertThat(assertFieldProblem(api.get("/api/follow-ups?owedBy=SOMEONE", token), "owedBy"))
			.as("the values the API does know").contains("one of [ME, THEM]");
		assertThat(assertFieldProblem(api.get("/api/follow-ups?status=PENDING", token), "status"))
			.contains("one of [OPEN, COMPLETED, ALL]");
		assertFieldProblem(api.get("/api/follow-ups?size=0", token), "size");
		assertFieldProblem(api.get("/api/follow-ups?size=101", token), "size");
		assertFieldProblem(api.get("/api/follow-ups?page=-1", token), "page");
		assertFieldProblem(api.get("/api/follow-ups?contactId=not-a-uuid", token), "contactId");
		assertProblem(api.get("/api/follow-ups", null), 401, "unauthorized");
	}

	private JsonNode ledger(String query) {
		return ledger(token, query, Map.of());
	}

	private JsonNode ledger(String query, Map<String, String> headers) {
		return ledger(token, query, headers);
	}

	private JsonNode ledgerOf(String callerToken) {
		return ledger(callerToken, "", Map.of());
	}

	private JsonNode ledger(String callerToken, String query, Map<String, String> headers) {
		Response response = get(callerToken, query, headers);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private Response get(String callerToken, String query, Map<String, String> headers) {
		return api.send("GET", "/api/follow-ups" + query, callerToken, BodyPublishers.noBody(), headers);
	}

	private static List<String> texts(JsonNode page) {
		return page.get("items").valueStream().map(item -> item.get("text").asString()).toList();
	}

	private static List<String> overdue(JsonNode page) {
		return page.get("items")
			.valueStream()
			.filter(item -> item.get("overdue").asBoolean())
			.map(item -> item.get("text").asString())
			.toList();
	}

	private JsonNode log(String callerToken, Instant happenedAt, List<UUID> participants, String... followUps) {
		Response created = api.post("/api/interactions", callerToken, """
				{"participantIds": %s, "type": "CALL", "happenedAt": "%s", "timeZone": "Europe/Paris",
				 "summary": "Caught up", "followUps": [%s]}
				""".formatted(ids(participants.toArray(UUID[]::new)), happenedAt, String.join(", ", followUps)));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json();
	}

	private static String followUp(String text, LocalDate dueOn, String owedBy) {
		return dueOn == null ? "{\"text\": \"%s\", \"owedBy\": \"%s\"}".formatted(text, owedBy)
				: "{\"text\": \"%s\", \"dueOn\": \"%s\", \"owedBy\": \"%s\"}".formatted(text, dueOn, owedBy);
	}

	private void complete(JsonNode interaction, int followUp) {
		Response completed = api.post("/api/interactions/%s/follow-ups/%s/complete".formatted(
				interaction.get("id").asString(), interaction.at("/followUps/" + followUp + "/id").asString()), token,
				null);
		assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
	}

	private Instant daysAgo(int days) {
		return clock.instant().minus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS);
	}

	private LocalDate today(ZoneId zone) {
		return LocalDate.ofInstant(clock.instant(), zone);
	}

}
