package dev.rapport.reminders.digest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.rapport.platform.test.ApiClient.Response;
import dev.rapport.platform.test.TestTokens;

import static dev.rapport.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The settings API: on by default, validated field by field, and a test mail on demand. */
class DigestApiTest extends DigestIntegrationTest {

	static final String PATH = "/api/notifications/digest";

	@Test
	void theDigestIsOnByDefaultWeeklyOnMondayAtEightInTheCallersZone() throws Exception {
		UUID ada = member("Ada");
		Response response = api.send("GET", PATH, TestTokens.token(ada, team),
				java.net.http.HttpRequest.BodyPublishers.noBody(), Map.of("X-Time-Zone", "Europe/Paris"));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("frequency").asString()).isEqualTo("WEEKLY");
		assertThat(body.get("weekday").asString()).isEqualTo("MONDAY");
		assertThat(body.get("hour").asInt()).isEqualTo(8);
		assertThat(body.get("timeZone").asString()).isEqualTo("Europe/Paris");
		assertThat(body.get("email").asString()).isEqualTo(address(ada));
		Instant next = Instant.parse(body.get("nextSendAt").asString());
		assertThat(next).isAfter(clock.instant()).isBefore(clock.instant().plus(Duration.ofDays(7)));
		assertThat(next.atZone(java.time.ZoneId.of("Europe/Paris")).getHour()).isEqualTo(8);
		assertThat(body.get("deliveries").isEmpty()).isTrue();
		assertThat(api.get(PATH + "?tz=UTC", TestTokens.token(ada, team)).json().get("timeZone").asString())
			.isEqualTo("UTC");

		JsonNode stranger = api.get(PATH, TestTokens.token(UUID.randomUUID(), team)).json();
		assertThat(stranger.get("email").isNull()).as("not in the directory").isTrue();
		assertThat(stranger.get("nextSendAt").isNull()).as("nothing is sent without an address").isTrue();
		assertProblem(api.get(PATH, null), 401, "unauthorized");
	}

	@Test
	void invalidSettingsAre400NamingEachFieldAndChangeNothing() {
		UUID ada = member("Ada");
		String token = TestTokens.token(ada, team);

		Response bad = api.put(PATH, token, """
				{"frequency": "HOURLY", "weekday": "FUNDAY", "hour": 24, "timeZone": "Mars/Olympus"}""");
		assertProblem(bad, 400, "validation");
		assertThat(bad.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
			.containsExactlyInAnyOrder("frequency", "weekday", "hour", "timeZone");
		Response noWeekday = api.put(PATH, token, """
				{"frequency": "WEEKLY", "hour": 7, "timeZone": "Europe/Paris"}""");
		assertProblem(noWeekday, 400, "validation");
		assertThat(noWeekday.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
			.containsExactly("weekday");
		Response offset = api.put(PATH, token, """
				{"frequency": "DAILY", "hour": 7, "timeZone": "+02:00"}""");
		assertThat(offset.json().get("errors").get(0).get("field").asString()).isEqualTo("timeZone");
		assertProblem(api.put(PATH, token, """
				{"frequency": "DAILY", "hour": -1, "timeZone": "UTC"}"""), 400, "validation");
		assertThat(settings.find(ada)).as("nothing saved").isEmpty();

		Response saved = api.put(PATH, token, """
				{"frequency": "daily", "weekday": null, "hour": 18, "timeZone": "America/New_York", "email": "ignored@x"}""");
		assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
		JsonNode again = api.get(PATH, token).json();
		assertThat(again.get("frequency").asString()).isEqualTo("DAILY");
		assertThat(again.get("weekday").isNull()).as("weekly only").isTrue();
		assertThat(again.get("hour").asInt()).isEqualTo(18);
		assertThat(again.get("timeZone").asString()).isEqualTo("America/New_York");
		assertThat(again.get("email").asString()).as("read-only").isEqualTo(address(ada));
		assertThat(Instant.parse(again.get("nextSendAt").asString()).atZone(java.time.ZoneId.of("America/New_York"))
			.getHour()).isEqualTo(18);
		assertThat(api.put(PATH, token, """
				{"frequency": "OFF", "hour": 8, "timeZone": "UTC"}""").json().get("nextSendAt").isNull()).isTrue();
	}

	@Test
	void aTestMailSendsThePlanNowWithoutTakingThePeriodsPlace() throws Exception {
		UUID ada = member("Ada");
		nudge(ada, "Grace Hopper");
		String token = TestTokens.token(ada, team);

		Response accepted = api.post(PATH + "/test", token, null);

		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestSmtp.to(address(ada)).size() == 1);
		assertThat(TestSmtp.to(address(ada)).getFirst().getSubject()).isEqualTo("Your week in Rapport: 1 person to reach");
		Awaitility.await().atMost(Duration.ofSeconds(30))
			.until(() -> "SENT".equals(deliveries(ada).getFirst().status()));
		JsonNode delivery = api.get(PATH, token).json().get("deliveries").get(0);
		assertThat(delivery.get("kind").asString()).isEqualTo("TEST");
		assertThat(delivery.get("status").asString()).isEqualTo("SENT");
		assertThat(delivery.get("entries").asInt()).isEqualTo(1);
		assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
		assertThat(delivery.get("sentAt").isNull()).isFalse();

		dueNow(ada);
		assertThat(sender.runOnce().sent()).as("the period's digest still goes").isEqualTo(1);
		assertThat(TestSmtp.to(address(ada))).hasSize(2);
	}

	@Test
	void aTestMailWithoutAnAddressIs409() {
		UUID nowhere = UUID.randomUUID();
		directory.upsert(team, nowhere, null, "No address");
		assertProblem(api.post(PATH + "/test", TestTokens.token(nowhere, team), null), 409, "conflict");
		assertProblem(api.post(PATH + "/test", TestTokens.token(UUID.randomUUID(), team), null), 409, "conflict");
		assertThat(jdbc.sql("select count(*) from digest_delivery").query(Integer.class).single()).isZero();
	}

}
