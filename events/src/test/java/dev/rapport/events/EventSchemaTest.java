package dev.rapport.events;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** The published schemas describe exactly what the codec writes, and stay compatible with the released ones. */
class EventSchemaTest {

	static final String BASELINE_FOLDER = "schema-baseline/";
	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final EventCodec CODEC = new EventCodec();
	private static final EventSchemaValidator CURRENT = EventSchemaValidator.current();
	private static final EventSchemaValidator BASELINE = EventSchemaValidator.baseline();

	static List<Named<RapportEvent>> samples() {
		return SampleEvents.all();
	}

	@ParameterizedTest
	@MethodSource("samples")
	void everySampleConformsToItsSchema(RapportEvent event) {
		assertThat(CURRENT.validate(event.type(), document(event))).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("samples")
	void everySampleStillConformsToTheReleasedSchema(RapportEvent event) {
		assertThat(BASELINE.validate(event.type(), document(event))).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("samples")
	void theSchemaDocumentsEveryFieldTheCodecWrites(RapportEvent event) {
		JsonNode schema = readResource(EventSchemas.schemaResource(event.type()));
		List<String> undocumented = new ArrayList<>();
		collectUndocumented("", document(event), schema, schema, undocumented);

		assertThat(undocumented).isEmpty();
	}

	static Stream<Arguments> brokenDocuments() {
		return Stream.of(
				broken("missing contactId", doc -> doc.remove("contactId"), "contactId"),
				broken("eventId not a uuid", doc -> doc.put("eventId", "42"), "eventId"),
				broken("occurredAt not a date-time", doc -> doc.put("occurredAt", "yesterday"), "occurredAt"),
				broken("schemaVersion a string", doc -> doc.put("schemaVersion", "1"), "schemaVersion"),
				broken("month 13", doc -> ((ObjectNode) doc.at("/contact/importantDates/0")).put("month", 13), "month"),
				broken("day 0", doc -> ((ObjectNode) doc.at("/contact/importantDates/0")).put("day", 0), "day"),
				broken("email without @", doc -> ((ObjectNode) doc.at("/contact/emails/0")).put("address", "ada"), "address"),
				broken("unknown visibility", doc -> ((ObjectNode) doc.get("contact")).put("visibility", "PUBLIC"), "visibility"),
				broken("unknown cadence tier", doc -> ((ObjectNode) doc.at("/contact/cadence")).put("tier", "BFF"), "tier"),
				broken("howWeMet date with time", doc -> ((ObjectNode) doc.at("/contact/howWeMet")).put("date", "2024-03-19T10:00:00Z"), "date"),
				broken("snapshot without displayName", doc -> ((ObjectNode) doc.get("contact")).remove("displayName"), "displayName"));
	}

	private static Arguments broken(String name, Consumer<ObjectNode> damage, String mentioned) {
		return argumentSet(name, damage, mentioned);
	}

	@ParameterizedTest
	@MethodSource("brokenDocuments")
	void rejectsBrokenDocuments(Consumer<ObjectNode> damage, String mentioned) {
		RapportEvent valid = ContactCreated.of(SampleEvents.CONTACT, SampleEvents.TEAM, SampleEvents.OWNER,
				SampleEvents.fullSnapshot(), SampleEvents.NOW);
		ObjectNode document = (ObjectNode) document(valid);
		damage.accept(document);

		List<String> errors = CURRENT.validate("ContactCreated", document);

		assertThat(errors).isNotEmpty().anySatisfy(error -> assertThat(error).contains(mentioned));
	}

	static Stream<Arguments> brokenInteractionDocuments() {
		return Stream.of(
				broken("missing interactionId", doc -> doc.remove("interactionId"), "interactionId"),
				broken("no participants", doc -> ((ObjectNode) doc.get("interaction")).putArray("participantIds"), "participantIds"),
				broken("unknown type", doc -> ((ObjectNode) doc.get("interaction")).put("type", "TELEPATHY"), "type"),
				broken("meaningfulness 6", doc -> ((ObjectNode) doc.get("interaction")).put("meaningfulness", 6), "meaningfulness"),
				broken("zero duration", doc -> ((ObjectNode) doc.get("interaction")).put("durationMinutes", 0), "durationMinutes"),
				broken("follow-up without owedBy", doc -> ((ObjectNode) doc.at("/interaction/followUps/0")).remove("owedBy"), "owedBy"),
				broken("follow-up due with time", doc -> ((ObjectNode) doc.at("/interaction/followUps/0")).put("dueOn", "2026-11-06T09:00:00Z"), "dueOn"),
				broken("snapshot without timeZone", doc -> ((ObjectNode) doc.get("interaction")).remove("timeZone"), "timeZone"));
	}

	@ParameterizedTest
	@MethodSource("brokenInteractionDocuments")
	void rejectsBrokenInteractionDocuments(Consumer<ObjectNode> damage, String mentioned) {
		RapportEvent valid = InteractionLogged.of(SampleEvents.INTERACTION, SampleEvents.TEAM, SampleEvents.OWNER,
				SampleEvents.fullInteraction(), SampleEvents.NOW);
		ObjectNode document = (ObjectNode) document(valid);
		damage.accept(document);

		List<String> errors = CURRENT.validate("InteractionLogged", document);

		assertThat(errors).isNotEmpty().anySatisfy(error -> assertThat(error).contains(mentioned));
	}

	@Test
	void everyRegisteredTypeHasASchemaABaselineAndSamples() {
		Set<String> sampled = samples().stream().map(sample -> sample.getPayload().type()).collect(Collectors.toSet());

		assertThat(schemaNames(EventSchemas.RESOURCE_FOLDER)).containsExactlyInAnyOrderElementsOf(EventTypes.names());
		assertThat(schemaNames(BASELINE_FOLDER))
				.as("copy schemas/<Type>.schema.json to schema-baseline/ when releasing a new type")
				.containsExactlyInAnyOrderElementsOf(EventTypes.names());
		assertThat(sampled).containsExactlyInAnyOrderElementsOf(EventTypes.names());
	}

	@Test
	void schemasIdentifyThemselvesByType() {
		for (String type : EventTypes.names()) {
			JsonNode schema = readResource(EventSchemas.schemaResource(type));
			assertThat(schema.get("$id").asString()).isEqualTo(EventSchemas.schemaId(type)).isEqualTo("urn:rapport:event:" + type);
			assertThat(schema.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
			assertThat(schema.get("title").asString()).isEqualTo(type);
			assertThat(schema.get("description").asString()).isNotBlank();
		}
	}

	@Test
	void sharedDefinitionsAreIdenticalInEverySchema() {
		// Each schema is self-contained for tools that cannot resolve references across files; this keeps the copies in step.
		Map<String, JsonNode> firstSeen = new HashMap<>();
		for (String type : EventTypes.names()) {
			readResource(EventSchemas.schemaResource(type)).path("$defs").properties().forEach(definition -> {
				JsonNode earlier = firstSeen.putIfAbsent(definition.getKey(), definition.getValue());
				assertThat(definition.getValue()).as(type + " $defs/" + definition.getKey())
						.isEqualTo(earlier == null ? definition.getValue() : earlier);
			});
		}
		assertThat(firstSeen).containsKeys("ContactSnapshot", "InteractionSnapshot", "FollowUp", "RelationshipState", "ReminderKind");
	}

	@Test
	void currentSchemasAreCompatibleWithTheReleasedOnes() {
		List<String> violations = new ArrayList<>();
		for (String type : EventTypes.names()) {
			JsonNode baseline = readResource(BASELINE_FOLDER + type + ".schema.json");
			JsonNode current = readResource(EventSchemas.schemaResource(type));
			SchemaCompatibility.violations(baseline, current).forEach(violation -> violations.add(type + " " + violation));
		}

		assertThat(violations).as("breaking changes; publish a new event type or topic version instead").isEmpty();
	}

	private static JsonNode document(RapportEvent event) {
		return JSON.readTree(CODEC.serialize(event));
	}

	/** Walks the document alongside its schema, following local $refs and array items. */
	private static void collectUndocumented(String path, JsonNode value, JsonNode schema, JsonNode root, List<String> out) {
		while (schema.has("$ref")) {
			schema = root.at(schema.get("$ref").asString().substring(1));
		}
		if (value.isObject()) {
			JsonNode properties = schema.path("properties");
			for (var field : value.properties()) {
				if (properties.has(field.getKey())) {
					collectUndocumented(path + "/" + field.getKey(), field.getValue(), properties.get(field.getKey()), root, out);
				} else {
					out.add(path + "/" + field.getKey());
				}
			}
		} else if (value.isArray()) {
			for (int i = 0; i < value.size(); i++) {
				collectUndocumented(path + "/" + i, value.get(i), schema.path("items"), root, out);
			}
		}
	}

	static JsonNode readResource(String name) {
		try (InputStream in = EventSchemaTest.class.getClassLoader().getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			return JSON.readTree(in);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static List<String> schemaNames(String folder) {
		try (Stream<Path> files = Files.list(Path.of(EventSchemaTest.class.getClassLoader().getResource(folder).toURI()))) {
			return files.map(file -> file.getFileName().toString())
					.peek(name -> assertThat(name).as(folder).endsWith(".schema.json"))
					.map(name -> name.substring(0, name.length() - ".schema.json".length()))
					.toList();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}
}
