package dev.rapport.devstack.stack;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.rapport.events.CloudEventHeaders;
import dev.rapport.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer written in another language reads the stream from the contract alone: {@code kcat} reads the change
 * topics, the state topics and the analytics tier of the running platform from offset 0 to their end, and
 * {@code events/consumer/validate_stream.py} (Python's standard library only) checks every record's CloudEvents
 * headers and validates its payload against the published schema its {@code ce_dataschema} names, or knows it for the
 * tombstone of a compacted topic. Every record the system tests before this one published is among them.
 */
@ExtendWith(RunningDevstack.class)
@Order(6) // after the whole flow and create-then-log published theirs; before the key rotation (junit-platform.properties)
class ExternalConsumerSystemTest {

	private static final Duration PIPELINE = Duration.ofSeconds(60);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern TYPE_COUNT = Pattern.compile("^\\s+(" + Pattern.quote(CloudEventHeaders.TYPE_PREFIX)
			+ "\\w+)\\s+(\\d+)$", Pattern.MULTILINE);

	/** What the Python consumer reads: every topic but the dead letters (which may hold the unreadable on purpose). */
	private static final List<String> READ = Stream.of(Topics.ALL, Topics.STATE, Topics.ANALYTICS)
		.flatMap(List::stream)
		.toList();

	private static final String TOMBSTONE = " tombstone";

	private final String token = "Bearer " + RunningDevstack.get()
		.identity()
		.token(UUID.randomUUID(), UUID.randomUUID(), Set.of("member"), Duration.ofHours(1), Clock.systemUTC());

	@Test
	void aPythonConsumerReadsEveryRecordThroughItsCloudEventsHeadersAndValidatesItsPayload(@TempDir Path work)
			throws Exception {
		Map<String, Set<String>> produced = produceAContactsLife();
		awaitOnTheTopics(produced);

		Path records = work.resolve("records.jsonl");
		for (String topic : READ) {
			Process kcat = run(work, records, "kcat", "-C", "-J", "-e", "-q", "-o", "beginning", "-b",
					RunningDevstack.get().ports().kafkaBootstrap(), "-t", topic);
			assertThat(kcat.exitValue()).as("kcat on %s: %s", topic, Files.readString(work.resolve("stderr.txt")))
				.isZero();
		}
		Path script = RunningDevstack.repository().resolve("events/consumer/validate_stream.py");
		assertThat(Files.readString(script)).as("the script knows every compacted topic's tombstones")
			.contains(Topics.COMPACTED);
		Path summary = work.resolve("summary.txt");
		Process validator = run(work, summary, "python3", script.toString(), records.toString());
		String printed = Files.readString(summary);

		assertThat(validator.exitValue()).as("the validator printed:%n%s%s", printed,
				Files.readString(work.resolve("stderr.txt"))).isZero();
		int tombstonesAt = printed.indexOf("Tombstones per type:");
		assertThat(tombstonesAt).as("the validator printed:%n%s", printed).isPositive();
		Map<String, Integer> perType = counts(printed.substring(0, tombstonesAt));
		Map<String, Integer> tombstones = counts(printed.substring(tombstonesAt));
		Set<String> flowTypes = new HashSet<>();
		produced.values().forEach(flowTypes::addAll);
		assertThat(perType.keySet()).as("every type the flow produced, read by the Python consumer:%n%s", printed)
			.containsAll(flowTypes.stream().filter(type -> !type.endsWith(TOMBSTONE)).map(CloudEventHeaders::type)
				.toList());
		assertThat(tombstones.keySet()).as("the tombstones of the erasure and the deletion:%n%s", printed)
			.containsAll(flowTypes.stream().filter(type -> type.endsWith(TOMBSTONE))
				.map(type -> CloudEventHeaders.type(type.substring(0, type.length() - TOMBSTONE.length())))
				.toList());
		if (perType.containsKey(CloudEventHeaders.type("RelationshipCooling"))
				|| perType.containsKey(CloudEventHeaders.type("RelationshipRewarmed"))) {
			assertThat(perType).as("a transition beside the relationship events:%n%s", printed)
				.containsKey(CloudEventHeaders.type("RelationshipTransition"));
		}
		assertThat(printed).contains(" 0 invalid.");
	}

	/**
	 * One contact from creation to erasure, with an interaction and its follow-up: every contact and interaction
	 * event type, their states and the interaction's analytics fact, and the tombstones of the interaction's deletion
	 * and her erasure. Returns the event types expected on the record key of each aggregate (a tombstone as its
	 * type followed by {@link #TOMBSTONE}).
	 */
	private Map<String, Set<String>> produceAContactsLife() {
		String contact = call("POST", "contacts", "/api/contacts",
				"{\"displayName\": \"Read from Python\", \"visibility\": \"TEAM\", \"cadence\": {\"tier\": \"CLOSE\"}}",
				"application/json", 201).get("id").asString();
		call("PATCH", "contacts", "/api/contacts/" + contact, "{\"location\": \"Lisbon\"}",
				"application/merge-patch+json", 200);
		call("POST", "contacts", "/api/contacts/" + contact + "/archive", null, null, 200);
		call("POST", "contacts", "/api/contacts/" + contact + "/unarchive", null, null, 200);
		JsonNode interaction = call("POST", "interactions", "/api/interactions", """
				{"participantIds": ["%s"], "type": "CALL", "timeZone": "Europe/Lisbon", "summary": "A call",
				 "followUps": [{"text": "Send the slides", "owedBy": "ME"}]}
				""".formatted(contact), "application/json", 201);
		String interactionId = interaction.get("id").asString();
		String followUp = "/api/interactions/" + interactionId + "/follow-ups/"
				+ interaction.at("/followUps/0/id").asString();
		call("POST", "interactions", followUp + "/complete", null, null, 200);
		call("POST", "interactions", followUp + "/reopen", null, null, 200);
		call("PATCH", "interactions", "/api/interactions/" + interactionId, "{\"summary\": \"A long call\"}",
				"application/merge-patch+json", 200);
		call("DELETE", "interactions", "/api/interactions/" + interactionId, null, null, 204);
		call("DELETE", "contacts", "/api/contacts/" + contact, null, null, 204);
		return Map.of(contact, Set.of("ContactCreated", "ContactUpdated", "ContactArchived", "ContactUnarchived",
				"ContactDeleted", "ContactState", "ContactState" + TOMBSTONE), interactionId,
				Set.of("InteractionLogged", "FollowUpCompleted", "FollowUpReopened", "InteractionUpdated",
						"InteractionDeleted", "InteractionState", "InteractionState" + TOMBSTONE, "ConversationFact",
						"ConversationFact" + TOMBSTONE));
	}

	/** The "  dev.rapport.Type  count" lines of the validator's output. */
	private static Map<String, Integer> counts(String printed) {
		Map<String, Integer> counts = new HashMap<>();
		Matcher line = TYPE_COUNT.matcher(printed);
		while (line.find()) {
			counts.put(line.group(1), Integer.parseInt(line.group(2)));
		}
		return counts;
	}

	/** Until each aggregate's records are on the topics (the relays send after the commit), read the Java way. */
	private static void awaitOnTheTopics(Map<String, Set<String>> expected) {
		Map<String, Set<String>> seen = new HashMap<>();
		List<KafkaConsumer<String, String>> consumers = new ArrayList<>();
		try {
			for (String topic : List.of(Topics.CONTACTS, Topics.INTERACTIONS, Topics.CONTACTS_STATE,
					Topics.INTERACTIONS_STATE, Topics.ANALYTICS_CONVERSATIONS)) {
				consumers.add(RunningDevstack.get().readFromBeginning(topic));
			}
			await().atMost(PIPELINE).until(() -> {
				for (KafkaConsumer<String, String> consumer : consumers) {
					for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
						var type = record.headers().lastHeader(CloudEventHeaders.TYPE);
						if (type != null && expected.containsKey(record.key())) {
							seen.computeIfAbsent(record.key(), key -> new HashSet<>())
								.add(CloudEventHeaders.eventType(new String(type.value(), StandardCharsets.UTF_8))
									.orElse("?") + (record.value() == null ? TOMBSTONE : ""));
						}
					}
				}
				return expected.entrySet()
					.stream()
					.allMatch(entry -> seen.getOrDefault(entry.getKey(), Set.of()).containsAll(entry.getValue()));
			});
		}
		finally {
			consumers.forEach(KafkaConsumer::close);
		}
	}

	/** Runs a command to its end, its output appended to {@code output}, its errors in {@code stderr.txt}. */
	private static Process run(Path work, Path output, String... command) throws IOException, InterruptedException {
		Process process;
		try {
			process = new ProcessBuilder(command).directory(work.toFile())
				.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
				.redirectError(work.resolve("stderr.txt").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(command[0] + " is needed (.ci/run installs it: apt-get install -y kcat "
					+ "python3)", ex);
		}
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("%s finished", String.join(" ", command)).isTrue();
		return process;
	}

	private JsonNode call(String method, String service, String path, String body, String contentType, int status) {
		HttpResponse<String> response = SystemHttp.send(RunningDevstack.get().url(service), method, path, token, body,
				contentType);
		assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(status);
		return response.body().isEmpty() ? null : JSON.readTree(response.body());
	}

}
