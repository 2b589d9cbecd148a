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
 * Who knows whom and warm introductions, from the conversations teammates logged: team scoped, and never through a
 * contact the caller cannot see.
 */
@ServiceIntegrationTest
class TeamKnowledgeApiTest {

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
	void knownBySaysWhichTeammatesTalkWithAContactHowOftenAndHowRecentlyWarmestFirst() {
		UUID xena = feed.contact(team, bea, Visibility.TEAM);
		log(cai, daysAgo(200), xena);
		log(cai, daysAgo(190), xena);
		log(eve, daysAgo(3), xena);

		JsonNode knownBy = api.get("/api/contacts/" + xena + "/known-by", token(me)).json();

		assertThat(knownBy.get("members").valueStream()
			.map(m -> tuple(m.get("memberId").asString(), m.get("conversations").asLong(),
					m.get("conversationsLast90Days").asLong())))
			.as("one recent conversation is warmer than two half a year ago")
			.containsExactly(tuple(eve.toString(), 1L, 1L), tuple(cai.toString(), 2L, 0L));
		assertThat(knownBy.at("/members/1/lastTalkedAt").asString()).startsWith(daysAgo(190).substring(0, 10));
		assertThat(knownBy.at("/members/0/warmth").asDouble()).isGreaterThan(knownBy.at("/members/1/warmth").asDouble());
	}

	@Test
	void introductionsGoShortestAndWarmestFirstAndNeverThroughAContactTheCallerCannotSee() {
		UUID secret = feed.contact(team, bea, Visibility.PRIVATE);
		UUID xena = feed.contact(team, bea, Visibility.TEAM, secret);
		UUID yann = feed.contact(team, cai, Visibility.TEAM, xena);
		UUID zoe = feed.contact(team, me, Visibility.TEAM);
		log(bea, daysAgo(1), secret);
		log(bea, daysAgo(2), secret);
		for (int i = 1; i <= 3; i++) {
			log(cai, daysAgo(i), yann);
		}
		log(eve, daysAgo(120), xena, zoe);
		log(me, daysAgo(5), zoe);

		JsonNode mine = api.get("/api/contacts/" + xena + "/introductions", token(me)).json();

		assertThat(mine.valueStream()
			.map(p -> tuple(p.get("memberId").asString(), p.get("hops").asInt(), via(p),
					p.get("link").asString())))
			.as("Eve knows Xena; Cai through Yann, whom she introduced; I through Zoe, who met her; Bea's way is private")
			.containsExactly(tuple(eve.toString(), 1, null, "DIRECT"),
					tuple(cai.toString(), 2, yann.toString(), "THEY_INTRODUCED"),
					tuple(me.toString(), 2, zoe.toString(), "MET_TOGETHER"));

		JsonNode beas = api.get("/api/contacts/" + xena + "/introductions", token(bea)).json();
		assertThat(beas.valueStream().map(p -> tuple(p.get("memberId").asString(), via(p),
				p.get("link").asString())))
			.as("Bea sees her own private contact, who introduced Xena")
			.contains(tuple(bea.toString(), secret.toString(), "INTRODUCED_THEM"));
		assertThat(api.get("/api/contacts/" + xena + "/introductions?limit=1", token(me)).json()).hasSize(1);
	}

	@Test
	void aContactTheCallerCannotSeeHasNoTeamKnowledgeAndBadInputIsAProblem() {
		UUID secret = feed.contact(team, bea, Visibility.PRIVATE);
		log(bea, daysAgo(1), secret);
		String outsider = TestTokens.token(me, UUID.randomUUID(), "admin");
		for (String path : List.of("/known-by", "/introductions")) {
			assertProblem(api.get("/api/contacts/" + secret + path, token(me)), 404, "not-found");
			assertProblem(api.get("/api/contacts/" + secret + path, outsider), 404, "not-found");
		}
		assertThat(api.get("/api/contacts/" + secret + "/known-by", token(bea)).json().get("members")).hasSize(1);
		assertProblem(api.get("/api/contacts/" + secret + "/introductions?limit=0", token(bea)), 400, "validation");
		assertProblem(api.get("/api/contacts/not-a-uuid/known-by", token(bea)), 400, "validation");
	}

	private static String via(JsonNode path) {
		return path.hasNonNull("via") ? path.get("via").asString() : null;
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
