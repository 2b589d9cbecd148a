package dev.rapport.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import io.micrometer.core.instrument.MeterRegistry;

import dev.rapport.analytics.fact.Contribution;
import dev.rapport.events.InteractionSnapshot.FollowUp.Owner;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.TestTokens;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.time.ShiftableClock;

import static dev.rapport.platform.test.ProblemAssertions.assertFieldProblem;
import static dev.rapport.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API on the real broker: the team comes from the token, the weekly report and the single-owner-risk list
 * have the documented shape, bad parameters are problem+json naming the field, and Kafka Streams' metrics (lag
 * included) reach Micrometer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AnalyticsTestProperties.class)
class InsightsApiTest {

	static final Duration WAIT = Duration.ofSeconds(90);

	static AnalyticsFeed topics;

	@LocalServerPort
	int port;

	@Autowired
	ShiftableClock clock;

	@Autowired
	MeterRegistry meters;

	final UUID team = UUID.randomUUID();

	final UUID me = UUID.randomUUID();

	ApiClient api;

	String token;

	@BeforeAll
	static void openWriter() {
		topics = new AnalyticsFeed(TestInfrastructure.kafkaBootstrapServers());
	}

	@AfterAll
	static void closeWriter() {
		topics.close();
	}

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		token = TestTokens.token(me, team);
	}

	@Test
	void theWeeklyReportAndTheRiskListShowTheCallersTeamOnly() {
		Instant now = clock.instant();
		UUID contact = UUID.randomUUID();
		LocalDate today = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
		topics.send(Facts.conversation(UUID.randomUUID(), team, me, now, 1, List.of(contact),
				Facts.followUp(today, Owner.ME, now)));
		UUID otherTeam = UUID.randomUUID();
		topics.send(Facts.conversation(UUID.randomUUID(), otherTeam, me, now, 1, List.of(UUID.randomUUID())));

		JsonNode report = Awaitility.await()
			.atMost(WAIT)
			.until(() -> api.get("/api/insights/weekly?weeks=2", token).json(),
					// Each row of a fact travels its own partitions: the conversation may count before its follow-up.
					body -> body.at("/weeks/1/team/conversations").asLong() == 1
							&& body.at("/weeks/1/team/followUps/onTime").asLong() == 1);
		assertThat(report.get("weeks").size()).isEqualTo(2);
		JsonNode week = report.at("/weeks/1");
		assertThat(week.get("weekStart").asString()).isEqualTo(Contribution.weekOf(now).toString());
		assertThat(week.at("/team/peopleReached").asLong()).isEqualTo(1);
		assertThat(week.at("/team/followUps/onTime").asLong()).isEqualTo(1);
		assertThat(week.at("/team/followThroughRate").asDouble()).isEqualTo(1.0);
		assertThat(week.get("team").has("recoveryRate")).as("present, and null").isTrue();
		assertThat(week.at("/team/recoveryRate").isNull()).isTrue();
		assertThat(week.at("/team/medianDaysToRewarm").isNull()).isTrue();
		assertThat(week.at("/members/0/memberId").asString()).isEqualTo(me.toString());
		assertThat(week.at("/members/0/conversations").asLong()).isEqualTo(1);
		assertThat(report.at("/weeks/0/team/conversations").asLong()).isZero();
		assertThat(report.at("/weeks/0/members").size()).isZero();
		assertThat(api.get("/api/insights/weekly", token).json().get("weeks").size()).isEqualTo(12);

		JsonNode risk = Awaitility.await()
			.atMost(WAIT)
			.until(() -> api.get("/api/insights/single-owner-risk", token).json(), body -> !body.get("items").isEmpty());
		assertThat(risk.at("/items/0/contactId").asString()).isEqualTo(contact.toString());
		assertThat(risk.at("/items/0/memberId").asString()).isEqualTo(me.toString());
		assertThat(Instant.parse(risk.at("/items/0/lastTalkedAt").asString()))
			.isEqualTo(now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
		assertThat(risk.get("items").size()).isEqualTo(1);
		assertThat(risk.get("nextCursor").isNull()).isTrue();

		String stranger = TestTokens.token(UUID.randomUUID(), UUID.randomUUID());
		assertThat(api.get("/api/insights/weekly?weeks=1", stranger).json().at("/weeks/0/team/conversations").asLong())
			.isZero();
		assertThat(api.get("/api/insights/single-owner-risk", stranger).json().get("items").size()).isZero();
	}

	@Test
	void badParametersAreProblemsNamingTheField() {
		assertFieldProblem(api.get("/api/insights/weekly?weeks=0", token), "weeks");
		assertFieldProblem(api.get("/api/insights/weekly?weeks=53", token), "weeks");
		assertFieldProblem(api.get("/api/insights/weekly?weeks=twelve", token), "weeks");
		assertThat(api.get("/api/insights/weekly?weeks=52", token).json().get("weeks").size()).isEqualTo(52);
		assertFieldProblem(api.get("/api/insights/single-owner-risk?limit=0", token), "limit");
		assertFieldProblem(api.get("/api/insights/single-owner-risk?limit=201", token), "limit");
		assertFieldProblem(api.get("/api/insights/single-owner-risk?cursor=not-a-cursor", token), "cursor");
		assertThat(api.get("/api/insights/single-owner-risk?limit=200", token).status()).isEqualTo(200);
	}

	@Test
	void withoutAValidTokenThereAreNoInsights() {
		assertProblem(api.get("/api/insights/weekly", null), 401, "unauthorized");
		assertProblem(api.get("/api/insights/single-owner-risk",
				TestTokens.stranger().sign(me, team, java.util.Set.of(), Duration.ofMinutes(5))), 401, "unauthorized");
	}

	@Test
	void kafkaStreamsMetricsAndConsumerLagReachMicrometer() {
		Awaitility.await()
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(meters.getMeters())
				.extracting(meter -> meter.getId().getName())
				.anyMatch(name -> name.startsWith("kafka.stream."))
				.anyMatch(name -> name.contains("records.lag")));
	}

}
