package dev.rapport.events;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Lists the changes from a released JSON Schema to its successor that break consumers: old readers must accept
 * what new writers produce, and new readers must accept the history already on the topic.
 */
final class SchemaCompatibility {

	/** Constraints whose change either way rejects documents one side already produces or accepts. */
	private static final List<String> FIXED_KEYWORDS = List.of("$id", "type", "format", "const", "pattern",
			"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
			"minLength", "maxLength", "minItems", "maxItems", "uniqueItems");

	/** Too expressive to compare rule by rule, so any change to them needs a human look. */
	private static final List<String> COMBINATORS = List.of("allOf", "anyOf", "oneOf", "not", "if", "then", "else");

	private final JsonNode baselineRoot;
	private final JsonNode currentRoot;
	private final List<String> violations = new ArrayList<>();
	private final Set<String> followedRefPairs = new HashSet<>();

	private SchemaCompatibility(JsonNode baselineRoot, JsonNode currentRoot) {
		this.baselineRoot = baselineRoot;
		this.currentRoot = currentRoot;
	}

	/** Human-readable violations, each prefixed with the schema location; empty when compatible. */
	static List<String> violations(JsonNode baseline, JsonNode current) {
		SchemaCompatibility check = new SchemaCompatibility(baseline, current);
		check.compare("#", baseline, current);
		return List.copyOf(check.violations);
	}

	private void compare(String path, JsonNode baseline, JsonNode current) {
		if (baseline.isBoolean() || current.isBoolean()) {
			if (!baseline.equals(current)) {
				violation(path, "boolean schema changed from " + baseline + " to " + current);
			}
			return;
		}
		String baselineRef = ref(baseline);
		String currentRef = ref(current);
		if (!Objects.equals(baselineRef, currentRef)) {
			// Equal refs need no following: the target is compared where $defs are compared.
			followRefs(path, baseline, baselineRef, current, currentRef);
			return;
		}
		for (String keyword : FIXED_KEYWORDS) {
			if (!Objects.equals(baseline.get(keyword), current.get(keyword))) {
				violation(path, "'" + keyword + "' changed from " + baseline.get(keyword) + " to " + current.get(keyword));
			}
		}
		for (String keyword : COMBINATORS) {
			if (!Objects.equals(baseline.get(keyword), current.get(keyword))) {
				violation(path, "'" + keyword + "' changed; compatibility cannot be checked automatically");
			}
		}
		compareEnum(path, baseline, current);
		compareRequired(path, baseline, current);
		compareAdditionalProperties(path, baseline, current);
		compareProperties(path, baseline, current);
		compareItems(path, baseline, current);
		compareDefinitions(path, baseline, current);
	}

	private void followRefs(String path, JsonNode baseline, String baselineRef, JsonNode current, String currentRef) {
		JsonNode baselineTarget = baselineRef == null ? baseline : resolve(baselineRoot, baselineRef);
		JsonNode currentTarget = currentRef == null ? current : resolve(currentRoot, currentRef);
		if (baselineTarget == null || currentTarget == null) {
			violation(path, "$ref changed from " + baselineRef + " to " + currentRef + " and cannot be followed");
		} else if (followedRefPairs.add(baselineRef + "|" + currentRef)) {
			compare(path + " -> " + (currentRef != null ? currentRef : "inlined " + baselineRef), baselineTarget, currentTarget);
		}
	}

	private void compareEnum(String path, JsonNode baseline, JsonNode current) {
		JsonNode before = baseline.get("enum");
		JsonNode after = current.get("enum");
		if (after == null) {
			return; // dropping the enum only widens what is accepted, like adding values
		}
		if (before == null) {
			violation(path, "enum " + after + " added; documents already written may hold other values");
			return;
		}
		Set<JsonNode> kept = new HashSet<>(after.values());
		for (JsonNode value : before.values()) {
			if (!kept.contains(value)) {
				violation(path, "enum value " + value + " removed; documents already written may hold it");
			}
		}
	}

	private void compareRequired(String path, JsonNode baseline, JsonNode current) {
		Set<String> before = names(baseline.get("required"));
		Set<String> after = names(current.get("required"));
		for (String name : before) {
			if (!after.contains(name)) {
				violation(path, "'" + name + "' no longer required; old readers rely on it being present");
			}
		}
		for (String name : after) {
			if (!before.contains(name)) {
				violation(path, "'" + name + "' newly required; documents already written lack it");
			}
		}
	}

	private void compareAdditionalProperties(String path, JsonNode baseline, JsonNode current) {
		JsonNode before = baseline.get("additionalProperties");
		JsonNode after = current.get("additionalProperties");
		if (isOpen(after)) {
			return;
		}
		if (isOpen(before)) {
			violation(path, "additionalProperties became " + (after.isBoolean() ? "false" : "restricted")
					+ "; adding an optional field would break readers");
		} else if (before.isObject() && after.isObject()) {
			compare(path + "/additionalProperties", before, after);
		} else if (!before.equals(after)) {
			violation(path, "additionalProperties changed from " + before + " to " + after);
		}
	}

	private static boolean isOpen(JsonNode additionalProperties) {
		return additionalProperties == null || additionalProperties.isBoolean() && additionalProperties.booleanValue();
	}

	private void compareProperties(String path, JsonNode baseline, JsonNode current) {
		JsonNode before = baseline.get("properties");
		if (before == null) {
			return;
		}
		JsonNode after = current.path("properties");
		for (var property : before.properties()) {
			String name = property.getKey();
			String at = path + "/properties/" + name;
			if (!after.has(name)) {
				violation(at, "property removed or renamed; readers that use it break");
			} else {
				compare(at, property.getValue(), after.get(name));
			}
		}
	}

	private void compareItems(String path, JsonNode baseline, JsonNode current) {
		JsonNode before = baseline.get("items");
		JsonNode after = current.get("items");
		if (before == null && after == null) {
			return;
		}
		if (before == null || after == null) {
			violation(path + "/items", "items schema " + (before == null ? "added" : "removed"));
		} else {
			compare(path + "/items", before, after);
		}
	}

	private void compareDefinitions(String path, JsonNode baseline, JsonNode current) {
		JsonNode before = baseline.get("$defs");
		if (before == null) {
			return;
		}
		JsonNode after = current.path("$defs");
		for (var definition : before.properties()) {
			String name = definition.getKey();
			String at = path + "/$defs/" + name;
			if (!after.has(name)) {
				violation(at, "definition removed; schemas referring to it break");
			} else {
				compare(at, definition.getValue(), after.get(name));
			}
		}
	}

	private void violation(String path, String message) {
		violations.add(path + ": " + message);
	}

	private static String ref(JsonNode schema) {
		JsonNode ref = schema.get("$ref");
		return ref == null ? null : ref.asString();
	}

	/** Follows document-local refs only: schemas here are self-contained, anything else is a change to look at. */
	private static JsonNode resolve(JsonNode root, String ref) {
		if (!ref.startsWith("#")) {
			return null;
		}
		JsonNode target = root.at(ref.substring(1));
		return target.isMissingNode() ? null : target;
	}

	private static Set<String> names(JsonNode array) {
		Set<String> names = new LinkedHashSet<>();
		if (array != null) {
			array.values().forEach(value -> names.add(value.asString()));
		}
		return names;
	}
}
