package dev.rapport.events;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** Each compatibility rule fires on a deliberately broken copy of a released schema, and harmless edits pass. */
class SchemaCompatibilityTest {

	private static final JsonNode BASELINE = EventSchemaTest.readResource(EventSchemaTest.BASELINE_FOLDER + "ContactUpdated.schema.json");

	static Stream<Arguments> breakingChanges() {
		return Stream.of(
				change("property removed", s -> props(s).remove("ownerId"),
						"#/properties/ownerId: property removed or renamed"),
				change("nested property renamed", s -> rename(props(def(s, "ContactSnapshot")), "company", "employer"),
						"#/$defs/ContactSnapshot/properties/company: property removed or renamed"),
				change("type changed", s -> ((ObjectNode) props(s).get("schemaVersion")).put("type", "string"),
						"#/properties/schemaVersion: 'type' changed from \"integer\" to \"string\""),
				change("type widened to nullable", s -> ((ObjectNode) props(def(s, "ContactSnapshot")).get("displayName"))
								.putArray("type").add("string").add("null"),
						"#/$defs/ContactSnapshot/properties/displayName: 'type' changed"),
				change("required property no longer required", s -> remove((ArrayNode) s.get("required"), "teamId"),
						"#: 'teamId' no longer required"),
				change("new required property", s -> {
					props(s).putObject("source").put("type", "string");
					((ArrayNode) s.get("required")).add("source");
				}, "#: 'source' newly required"),
				change("enum value removed", s -> remove((ArrayNode) props(def(s, "ContactSnapshot")).get("visibility").get("enum"), "TEAM"),
						"#/$defs/ContactSnapshot/properties/visibility: enum value \"TEAM\" removed"),
				change("enum added where there was none", s -> ((ObjectNode) props(def(s, "Email")).get("label")).putArray("enum").add("work"),
						"#/$defs/Email/properties/label: enum [\"work\"] added"),
				change("top level closed", s -> s.put("additionalProperties", false),
						"#: additionalProperties became false"),
				change("snapshot closed", s -> def(s, "ContactSnapshot").put("additionalProperties", false),
						"#/$defs/ContactSnapshot: additionalProperties became false"),
				change("additional properties restricted", s -> def(s, "Cadence").putObject("additionalProperties").put("type", "string"),
						"#/$defs/Cadence: additionalProperties became restricted"),
				change("format changed", s -> ((ObjectNode) props(s).get("eventId")).remove("format"),
						"#/properties/eventId: 'format' changed from \"uuid\" to null"),
				change("array item type changed", s -> ((ObjectNode) props(s).get("changedFields").get("items")).put("type", "integer"),
						"#/properties/changedFields/items: 'type' changed"),
				change("nested format changed", s -> ((ObjectNode) props(def(s, "Email")).get("address")).put("format", "idn-email"),
						"#/$defs/Email/properties/address: 'format' changed"),
				change("bound tightened", s -> ((ObjectNode) props(def(s, "ImportantDate")).get("month")).put("maximum", 11),
						"#/$defs/ImportantDate/properties/month: 'maximum' changed from 12 to 11"),
				change("definition removed", s -> defs(s).remove("Phone"),
						"#/$defs/Phone: definition removed"),
				change("$ref retargeted to a narrower definition", s -> {
					ObjectNode narrower = def(s, "ContactSnapshot").deepCopy();
					props(narrower).remove("context");
					defs(s).set("ContactSnapshotV2", narrower);
					((ObjectNode) props(s).get("contact")).put("$ref", "#/$defs/ContactSnapshotV2");
				}, "#/properties/contact -> #/$defs/ContactSnapshotV2/properties/context: property removed or renamed"),
				change("$ref to nowhere", s -> ((ObjectNode) props(def(s, "ContactSnapshot")).get("cadence")).put("$ref", "urn:elsewhere"),
						"#/$defs/ContactSnapshot/properties/cadence: $ref changed from #/$defs/Cadence to urn:elsewhere"),
				change("combinator added", s -> s.putArray("oneOf").addObject().putArray("required").add("contact"),
						"#: 'oneOf' changed"));
	}

	static Stream<Arguments> compatibleChanges() {
		return Stream.of(
				change("nothing", s -> { }, null),
				change("optional property added at top level and in the snapshot", s -> {
					props(s).putObject("correlationId").put("type", "string").put("format", "uuid");
					props(def(s, "ContactSnapshot")).putObject("pronouns").put("type", "string");
				}, null),
				change("enum value added", s -> ((ArrayNode) props(def(s, "ContactSnapshot")).get("visibility").get("enum")).add("ORGANISATION"), null),
				change("descriptions reworded", s -> {
					s.put("description", "Reworded.");
					((ObjectNode) props(s).get("eventId")).put("description", "Reworded.");
				}, null),
				change("definition inlined instead of referenced", s -> props(s).set("contact", def(s, "ContactSnapshot").deepCopy()), null),
				change("new definition added", s -> defs(s).putObject("Address").put("type", "object"), null));
	}

	@ParameterizedTest
	@MethodSource("breakingChanges")
	void reportsBreakingChanges(Consumer<ObjectNode> edit, String expected) {
		assertThat(SchemaCompatibility.violations(BASELINE, edited(edit)))
				.anySatisfy(violation -> assertThat(violation).startsWith(expected));
	}

	@ParameterizedTest
	@MethodSource("compatibleChanges")
	void acceptsCompatibleChanges(Consumer<ObjectNode> edit, String unused) {
		assertThat(SchemaCompatibility.violations(BASELINE, edited(edit))).isEmpty();
	}

	private static Arguments change(String name, Consumer<ObjectNode> edit, String expected) {
		return argumentSet(name, edit, expected);
	}

	private static ObjectNode edited(Consumer<ObjectNode> edit) {
		ObjectNode copy = (ObjectNode) BASELINE.deepCopy();
		edit.accept(copy);
		assertThat(BASELINE).as("the baseline itself must stay untouched").isNotSameAs(copy);
		return copy;
	}

	private static ObjectNode props(JsonNode schema) {
		return (ObjectNode) schema.get("properties");
	}

	private static ObjectNode defs(JsonNode schema) {
		return (ObjectNode) schema.get("$defs");
	}

	private static ObjectNode def(JsonNode schema, String name) {
		return (ObjectNode) defs(schema).get(name);
	}

	private static void rename(ObjectNode properties, String from, String to) {
		properties.set(to, properties.remove(from));
	}

	private static void remove(ArrayNode array, String value) {
		array.removeIf(element -> element.asString().equals(value));
	}
}
