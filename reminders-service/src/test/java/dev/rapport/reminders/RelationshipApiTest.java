package dev.rapport.reminders;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
import dev.rapport.events.ContactSnapshot.Cadence;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ApiClient.Response;
import dev.rapport.platform.test.TestTokens;
import dev.rapport.platform.time.ShiftableClock;

import static dev.rapport.platform.test.ProblemAssertions.assertFieldProblem;
import static dev.rapport.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relationships API: the team's list filtered by state, coldest first, in pages of a capped size; who may see a
 * private contact's relationship; and 404 for anyone outside the team.
 */
@RemindersIntegrationTest
class RelationshipApiTest {

	static final Duration WAIT = Duration.ofSeconds(60);

	static EventFeed feed;

	@LocalServerPort
	int port;

	@Autowired
	ShiftableClock clock;

	@Autowired
	JdbcClient jdbc;

	final UUID team = UUID.randomUUID();

	final UUID me = UUID.randomUUID();

	ApiClient api;

	String token;

	@BeforeAll
	static void openFeed() {
		feed = new EventFeed();
	}

	@AfterAll
	static void closeFeed() {
		feed.close();
	}

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		token = TestTokens.token(me, team);
	}

	@Test
	void theListFiltersByStateColdestAndLongestUntouchedFirstInPages() {
		Instant now = clock.instant();
		// With a 14-day cadence and no interaction yet: due from 14 days, cooling from 18, cold from 28.
		UUID warm = contact("Warm", 14, now, Visibility.TEAM);
		UUID due = contact("Due", 14, now.minus(Duration.ofDays(15)), Visibility.TEAM);
		UUID cold = contact("Cold", 14, now.minus(Duration.ofDays(40)), Visibility.TEAM);
		List<UUID> coolingLongestUntouchedFirst = new ArrayList<>();
		for (int daysAgo = 23; daysAgo >= 19; daysAgo--) {
			coolingLongestUntouchedFirst
				.add(contact("Cooling for " + daysAgo + " days", 14, now.minus(Duration.ofDays(daysAgo)), Visibility.TEAM));
		}
		UUID otherTeam = UUID.randomUUID();
		contact("Another team's cooling", 14, now.minus(Duration.ofDays(20)), Visibility.TEAM, otherTeam, me);
		awaitKnown(team, 8);
		awaitKnown(otherTeam, 1);

		List<String> pagedIds = new ArrayList<>();
		for (int page = 0; page < 3; page++) {
			JsonNode body = list("?state=COOLING&size=2&page=" + page);
			assertThat(body.get("page").asInt()).isEqualTo(page);
			assertThat(body.get("size").asInt()).isEqualTo(2);
			assertThat(body.get("totalItems").asLong()).isEqualTo(5);
			assertThat(body.get("totalPages").asInt()).isEqualTo(3);
			assertThat(body.get("items").size()).isEqualTo(page < 2 ? 2 : 1);
			assertThat(body.get("items").valueStream().map(item -> item.get("state").asString())).containsOnly("COOLING");
			pagedIds.addAll(contactIds(body));
		}
		assertThat(pagedIds).containsExactlyElementsOf(strings(coolingLongestUntouchedFirst));
		JsonNode pastTheEnd = list("?state=COOLING&size=2&page=3");
		assertThat(pastTheEnd.get("items").size()).isZero();
		assertThat(pastTheEnd.get("totalItems").asLong()).isEqualTo(5);

		assertThat(contactIds(list("?state=COLD"))).containsExactly(cold.toString());
		assertThat(contactIds(list("?state=DUE"))).containsExactly(due.toString());
		assertThat(contactIds(list("?state=WARM"))).containsExactly(warm.toString());
		List<String> everything = new ArrayList<>();
		everything.add(cold.toString());
		everything.addAll(strings(coolingLongestUntouchedFirst));
		everything.add(due.toString());
		everything.add(warm.toString());
		assertThat(contactIds(list("?size=100"))).as("coldest first, then longest untouched")
			.containsExactlyElementsOf(everything);
		assertThat(contactIds(list(""))).containsExactlyElementsOf(everything);
	}

	@Test
	void thePageSizeIsCappedAndBadPagingOrStatesAreRefused() {
		assertThat(list("?size=100").get("size").asInt()).isEqualTo(100);
		assertFieldProblem(api.get("/api/relationships?size=101", token), "size");
		assertFieldProblem(api.get("/api/relationships?size=0", token), "size");
		assertFieldProblem(api.get("/api/relationships?page=-1", token), "page");
		assertFieldProblem(api.get("/api/relationships?state=LUKEWARM", token), "state");
		assertThat(api.get("/api/relationships?state=LUKEWARM", token).json().get("errors").get(0).get("message")
			.asString()).contains("COOLING");
	}

	@Test
	void aPrivateContactIsSeenOnlyByItsOwnerAndAnotherTeamSeesNothing() {
		UUID teammate = UUID.randomUUID();
		String teammateToken = TestTokens.token(teammate, team);
		String outsider = TestTokens.token(UUID.randomUUID(), UUID.randomUUID());
		Instant now = clock.instant();
		UUID mySecret = contact("My secret", 14, now, Visibility.PRIVATE);
		UUID shared = contact("Shared", 14, now, Visibility.TEAM);
		UUID theirSecret = contact("Their secret", 14, now, Visibility.PRIVATE, team, teammate);
		awaitKnown(team, 3);

		assertThat(contactIds(list(""))).containsExactlyInAnyOrder(mySecret.toString(), shared.toString());
		assertThat(list("").get("totalItems").asLong()).isEqualTo(2);
		JsonNode teammateList = api.get("/api/relationships", teammateToken).json();
		assertThat(contactIds(teammateList)).containsExactlyInAnyOrder(shared.toString(), theirSecret.toString());
		assertThat(teammateList.get("totalItems").asLong()).isEqualTo(2);
		assertThat(api.get("/api/relationships", outsider).json().get("totalItems").asLong()).isZero();

		assertThat(api.get("/api/relationships/" + mySecret, token).json().get("displayName").asString())
			.isEqualTo("My secret");
		assertProblem(api.get("/api/relationships/" + theirSecret, token), 404, "not-found");
		assertProblem(api.get("/api/relationships/" + mySecret, teammateToken), 404, "not-found");
		assertThat(api.get("/api/relationships/" + shared, teammateToken).json().get("contactId").asString())
			.isEqualTo(shared.toString());
		for (UUID contactId : List.of(mySecret, shared, theirSecret)) {
			assertProblem(api.get("/api/relationships/" + contactId, outsider), 404, "not-found");
		}
		assertProblem(api.get("/api/relationships/" + UUID.randomUUID(), token), 404, "not-found");
	}

	@Test
	void anArchivedContactLeavesTheListButCanStillBeLookedUp() {
		Instant now = clock.instant();
		UUID archived = contact("Archived", 14, now.minus(Duration.ofDays(20)), Visibility.TEAM);
		UUID active = contact("Active", 14, now.minus(Duration.ofDays(20)), Visibility.TEAM);
		awaitKnown(team, 2);
		assertThat(contactIds(list("?state=COOLING"))).containsExactlyInAnyOrder(archived.toString(), active.toString());

		feed.send(ContactArchived.of(archived, team, me, now));
		Awaitility.await()
			.atMost(WAIT)
			.until(() -> jdbc.sql("select archived from relationship where contact_id = :id")
				.param("id", archived)
				.query(Boolean.class)
				.single());

		assertThat(contactIds(list("?state=COOLING"))).containsExactly(active.toString());
		assertThat(list("").get("totalItems").asLong()).isEqualTo(1);
		assertThat(api.get("/api/relationships/" + archived, token).json().get("archived").asBoolean()).isTrue();
	}

	private UUID contact(String name, int cadenceDays, Instant createdAt, Visibility visibility) {
		return contact(name, cadenceDays, createdAt, visibility, team, me);
	}

	private UUID contact(String name, int cadenceDays, Instant createdAt, Visibility visibility, UUID teamId,
			UUID owner) {
		UUID id = UUID.randomUUID();
		feed.send(ContactCreated.of(id, teamId, owner,
				EventFeed.contact(name, new Cadence(null, cadenceDays), visibility, createdAt), clock.instant()));
		return id;
	}

	private void awaitKnown(UUID teamId, int count) {
		Awaitility.await()
			.atMost(WAIT)
			.until(() -> jdbc.sql("select count(*) from relationship where team_id = :team and known")
				.param("team", teamId)
				.query(Integer.class)
				.single() == count);
	}

	/**
	 * A team of thousands: the page is still the coldest, longest-untouched first (read in that order from the index),
	 * and the total stops counting at 10,000 ("10,000+", totalExact false) instead of counting every row each page.
	 */
	@Test
	void aLongListIsReadInOrderAndItsTotalIsCountedUpToACap() {
		Instant now = clock.instant();
		jdbc.sql("""
				insert into relationship (contact_id, team_id, owner_id, known, display_name, visibility, contact_version,
				  contact_created_at, cadence_days, effective_cadence_days, cadence_source, state, updated_at)
				select gen_random_uuid(), :team, :me, true, 'Friend ' || n, 'TEAM', 1, :created - n * interval '1 minute',
				  14, 14, 'CONTACT', 'COOLING', :created
				from generate_series(1, 10001) n
				""")
			.param("team", team)
			.param("me", me)
			.param("created", Timestamps.ts(now.minus(Duration.ofDays(20))))
			.update();
		try {
			JsonNode page = list("?state=COOLING&size=3");
			assertThat(page.get("totalItems").asLong()).isEqualTo(10_000);
			assertThat(page.get("totalExact").asBoolean()).isFalse();
			assertThat(page.get("items").valueStream().map(item -> item.get("displayName").asString()))
				.as("longest untouched first").containsExactly("Friend 10001", "Friend 10000", "Friend 9999");

			JsonNode unfiltered = list("?size=2");
			assertThat(unfiltered.get("totalExact").asBoolean()).isFalse();
			assertThat(unfiltered.get("items").valueStream().map(item -> item.get("displayName").asString()))
				.containsExactly("Friend 10001", "Friend 10000");
		}
		finally {
			jdbc.sql("delete from relationship where team_id = :team").param("team", team).update();
		}
	}

	private JsonNode list(String query) {
		Response response = api.get("/api/relationships" + query, token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private static List<String> contactIds(JsonNode page) {
		return page.get("items").valueStream().map(item -> item.get("contactId").asString()).toList();
	}

	private static List<String> strings(List<UUID> ids) {
		return ids.stream().map(UUID::toString).toList();
	}

}
