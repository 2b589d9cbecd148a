package dev.rapport.interactions;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.ContactHandedOff;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.interactions.contact.ContactReplicaRepository;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestTokens;

import static dev.rapport.interactions.Interactions.coffee;
import static dev.rapport.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * GET /api/interactions/single-owner-risks: the contacts only one teammate talked with in a year, as far as the
 * caller may see them (a teammate's private contact never), and a handoff making a private contact its new owner's.
 */
@ServiceIntegrationTest
class SingleOwnerRisksApiTest {

	static final String PATH = "/api/interactions/single-owner-risks";

	@LocalServerPort
	int port;

	@Autowired
	ContactReplicaRepository replicas;

	@Autowired
	JdbcClient jdbc;

	ApiClient api;

	ContactFeed feed;

	UUID team = UUID.randomUUID();

	UUID me = UUID.randomUUID();

	UUID bea = UUID.randomUUID();

	UUID cai = UUID.randomUUID();

	UUID eve = UUID.randomUUID();

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		feed = new ContactFeed(replicas, jdbc);
	}

	@AfterEach
	void closeFeed() {
		feed.close();
	}

	@Test
	void contactsOnlyOneTeammateTalkedWithInAYearTheLongestSilenceFirstWithoutATeammatesPrivateOnes() {
		UUID xena = feed.contact(team, bea, Visibility.TEAM);
		log(cai, daysAgo(40), xena);
		log(cai, daysAgo(30), xena);
		UUID yann = feed.contact(team, cai, Visibility.TEAM);
		log(cai, daysAgo(5), yann);
		log(eve, daysAgo(6), yann);
		UUID zed = feed.contact(team, eve, Visibility.TEAM);
		log(eve, daysAgo(400), zed);
		log(cai, daysAgo(10), zed);
		UUID forgotten = feed.contact(team, eve, Visibility.TEAM);
		log(eve, daysAgo(400), forgotten);
		UUID secret = feed.contact(team, bea, Visibility.PRIVATE);
		log(bea, daysAgo(2), secret);

		JsonNode mine = api.get(PATH, token(me)).json();

		assertThat(mine.get("items").valueStream()
			.map(r -> tuple(r.get("contactId").asString(), r.get("memberId").asString(), r.get("ownerId").asString(),
					r.get("conversations").asLong())))
			.as("Xena and Zed only Cai talks with (Eve's conversation with Zed is over a year old); two talk with Yann;"
					+ " nobody did with the forgotten one this year; Bea's private contact is hers")
			.containsExactly(tuple(xena.toString(), cai.toString(), bea.toString(), 2L),
					tuple(zed.toString(), cai.toString(), eve.toString(), 1L));
		assertThat(mine.get("totalItems").asLong()).isEqualTo(2);
		assertThat(mine.at("/items/0/lastTalkedAt").asString()).startsWith(daysAgo(30).substring(0, 10));

		assertThat(ids(api.get(PATH, token(bea)).json())).as("her own private contact, to her")
			.containsExactly(xena.toString(), zed.toString(), secret.toString());
		assertThat(ids(api.get(PATH + "?member=" + bea, token(bea)).json())).containsExactly(secret.toString());
		assertThat(ids(api.get(PATH + "?member=" + cai, token(me)).json())).containsExactly(xena.toString(),
				zed.toString());
		assertThat(ids(api.get(PATH + "?member=" + eve, token(me)).json())).isEmpty();

		JsonNode second = api.get(PATH + "?page=1&size=1", token(me)).json();
		assertThat(ids(second)).containsExactly(zed.toString());
		assertThat(second.get("totalItems").asLong()).isEqualTo(2);
		assertThat(second.get("totalPages").asInt()).isEqualTo(2);
		assertThat(api.get(PATH + "?page=5&size=1", token(me)).json().get("totalItems").asLong())
			.as("a page past the end still says how many there are").isEqualTo(2);

		assertThat(ids(api.get(PATH, TestTokens.token(me, UUID.randomUUID(), "admin")).json()))
			.as("another team").isEmpty();
	}

	@Test
	void aHandedOffPrivateContactIsItsNewOwnersToSeeAndNoLongerThePreviousOnes() {
		UUID secret = feed.contact(team, bea, Visibility.PRIVATE);
		log(bea, daysAgo(2), secret);
		assertThat(ids(api.get(PATH, token(me)).json())).isEmpty();

		feed.send(ContactHandedOff.of(secret, team, bea, me, UUID.randomUUID(), UUID.randomUUID(), Instant.now()));
		feed.awaitReplica(secret, replica -> replica.ownerId().equals(me));

		assertThat(ids(api.get(PATH, token(me)).json())).containsExactly(secret.toString());
		assertThat(api.get(PATH, token(me)).json().at("/items/0/memberId").asString())
			.as("the conversation keeps its author").isEqualTo(bea.toString());
		assertThat(ids(api.get(PATH, token(bea)).json())).isEmpty();
		assertThat(api.get("/api/contacts/" + secret + "/known-by", token(me)).status()).isEqualTo(200);
		assertProblem(api.get("/api/contacts/" + secret + "/known-by", token(bea)), 404, "not-found");
	}

	@Test
	void badParametersAreProblems() {
		assertProblem(api.get(PATH + "?size=0", token(me)), 400, "validation");
		assertProblem(api.get(PATH + "?size=101", token(me)), 400, "validation");
		assertProblem(api.get(PATH + "?page=-1", token(me)), 400, "validation");
		assertProblem(api.get(PATH + "?member=not-a-uuid", token(me)), 400, "validation");
	}

	private static List<String> ids(JsonNode page) {
		return page.get("items").valueStream().map(r -> r.get("contactId").asString()).toList();
	}

	private String token(UUID member) {
		return TestTokens.token(member, team, "member");
	}

	private static String daysAgo(int days) {
		return Instant.now().minus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
	}

	private void log(UUID author, String happenedAt, UUID... participants) {
		var logged = api.post("/api/interactions", token(author), coffee(happenedAt, participants));
		assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
	}

}
