package dev.rapport.devstack.stack;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import dev.rapport.devstack.tools.DevClock;
import dev.rapport.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform as users run it: devstack starts a real Kafka broker, PostgreSQL and every service jar as its
 * own process, and this test crosses all of them over HTTP and Kafka. A contact with a 14-day cadence, a coffee with
 * questions to ask; the shared dev clock moves 15 days; exactly one {@code RelationshipCooling} and one nudge carrying
 * the last summary and the open questions; a call; {@code RelationshipRewarmed} and the nudge closes. Then erasure
 * reaches both downstream services. Needs the service jars, so it runs in {@code verify} after they are packaged.
 */
@ExtendWith(RunningDevstack.class)
@Order(3) // moves every clock 15 days ahead: after the access matrix and the fuzz test (junit-platform.properties)
class WholeFlowSystemTest {

	private static final Duration PIPELINE = Duration.ofSeconds(60);

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private static String token;

	private static KafkaConsumer<String, String> relationshipEvents;

	private static final List<ConsumerRecord<String, String>> RECEIVED = new ArrayList<>();

	@BeforeAll
	static void teamOfItsOwn() {
		// A team of its own, so the printed demo team stays as a user would find it.
		token = RunningDevstack.get()
			.identity()
			.token(UUID.randomUUID(), UUID.randomUUID(), java.util.Set.of("member"), Duration.ofHours(1),
					Clock.systemUTC());
		relationshipEvents = RunningDevstack.get().readFromBeginning(Topics.RELATIONSHIPS);
	}

	@AfterAll
	static void closeConsumer() {
		if (relationshipEvents != null) {
			relationshipEvents.close();
		}
	}

	@Test
	void aRelationshipCoolsNudgesWithContextRewarmsAndIsErasedEverywhere() {
		UUID grace = UUID.fromString(call("POST", "contacts", "/api/contacts", """
				{"displayName": "Grace Hopper", "visibility": "TEAM", "cadence": {"tier": "INNER_CIRCLE"}}
				""", 201).get("id").asString());

		UUID coffee = logInteraction(grace, "COFFEE_OR_MEAL", "Coffee: she is writing a book on compilers",
				"[\"How is the book going?\", \"Who should I introduce her to?\"]");
		await().atMost(PIPELINE).untilAsserted(() -> {
			JsonNode relationship = call("GET", "reminders", "/api/relationships/" + grace, null, 200);
			assertThat(relationship.get("state").asString()).isEqualTo("WARM");
			assertThat(relationship.get("interactionCount").asInt()).isEqualTo(1);
		});
		assertThat(nudgesFor(grace)).as("nothing is due yet").isEmpty();

		RunningDevstack devstack = RunningDevstack.get();
		assertThat(new DevClock(devstack.dataDir(), devstack.identity(), devstack.console()).run(Duration.ofDays(15)))
			.as("every service's clock moved")
			.isZero();

		await().atMost(PIPELINE).untilAsserted(() -> {
			List<JsonNode> nudges = nudgesFor(grace);
			assertThat(nudges).hasSize(1);
			JsonNode context = nudges.getFirst().get("context");
			assertThat(context.get("lastInteraction").get("summary").asString())
				.isEqualTo("Coffee: she is writing a book on compilers");
			assertThat(context.get("openQuestions").valueStream().map(JsonNode::asString))
				.containsExactly("How is the book going?", "Who should I introduce her to?");
		});
		assertThat(call("GET", "reminders", "/api/relationships/" + grace, null, 200).get("state").asString())
			.isIn("DUE", "COOLING");

		logInteraction(grace, "CALL", "Call: the book is at the printer", "[]");
		await().atMost(PIPELINE).untilAsserted(() -> {
			assertThat(eventTypes(grace)).endsWith("RelationshipRewarmed");
			assertThat(nudgesFor(grace)).as("the nudge closed").isEmpty();
		});
		// Records with one key arrive in order: everything published before the rewarm has been seen.
		assertThat(eventTypes(grace)).containsExactly("RelationshipCooling", "RelationshipRewarmed");
		assertThat(call("GET", "reminders", "/api/relationships/" + grace, null, 200).get("state").asString())
			.isEqualTo("WARM");

		call("DELETE", "contacts", "/api/contacts/" + grace, null, 204);
		await().atMost(PIPELINE).untilAsserted(() -> {
			assertThat(status("GET", "interactions", "/api/interactions/" + coffee)).as("her only interaction").isEqualTo(404);
			assertThat(status("GET", "interactions", "/api/contacts/" + grace + "/interactions")).isEqualTo(404);
			assertThat(status("GET", "reminders", "/api/relationships/" + grace)).isEqualTo(404);
		});
	}

	private static UUID logInteraction(UUID contact, String type, String summary, String questions) {
		String body = """
				{"participantIds": ["%s"], "type": "%s", "timeZone": "Europe/Paris", "summary": "%s",
				 "questions": %s}
				""".formatted(contact, type, summary, questions);
		// At once, also for a contact created the request before (interactions-service asks contacts-service).
		return UUID.fromString(call("POST", "interactions", "/api/interactions", body, 201).get("id").asString());
	}

	private static List<JsonNode> nudgesFor(UUID contact) {
		JsonNode agenda = call("GET", "reminders", "/api/reminders?tz=Europe/Paris", null, 200);
		List<JsonNode> nudges = new ArrayList<>();
		for (String section : List.of("overdue", "today", "upcoming")) {
			agenda.get(section)
				.valueStream()
				.filter(reminder -> reminder.get("kind").asString().equals("KEEP_IN_TOUCH"))
				.filter(reminder -> reminder.get("contactId").asString().equals(contact.toString()))
				.forEach(nudges::add);
		}
		return nudges;
	}

	private static List<String> eventTypes(UUID contact) {
		relationshipEvents.poll(Duration.ofMillis(200)).forEach(RECEIVED::add);
		return RECEIVED.stream()
			.filter(record -> contact.toString().equals(record.key()))
			.map(record -> record.headers().lastHeader(Topics.EVENT_TYPE_HEADER))
			.map(Header::value)
			.map(value -> new String(value, StandardCharsets.UTF_8))
			.toList();
	}

	private static JsonNode call(String method, String service, String path, String body, int expectedStatus) {
		HttpResponse<String> response = send(method, service, path, body);
		assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
		return response.body().isEmpty() ? null : JSON.readTree(response.body());
	}

	private static int status(String method, String service, String path) {
		return send(method, service, path, null).statusCode();
	}

	private static HttpResponse<String> send(String method, String service, String path, String body) {
		return SystemHttp.send(RunningDevstack.get().url(service), method, path, "Bearer " + token, body, body == null ? null : "application/json");
	}

}
