package dev.rapport.platform.web;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.rapport.platform.web.Problems.FieldProblem;

/**
 * The top-level members a client may send for a resource (its draft record's components) and those the server
 * owns. A body naming anything else is refused before anything is applied, every offending member named at once.
 */
public record WritableFields(Set<String> editable, Set<String> readOnly) {

	public static final String VERSION = "version";

	public static WritableFields of(Class<? extends Record> draft, String... readOnly) {
		return new WritableFields(
				Arrays.stream(draft.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet()),
				Set.of(readOnly));
	}

	/**
	 * What is wrong with the members of {@code body}; {@code versionAllowed} for a merge-patch, where a
	 * {@code version} member is the client's optimistic-lock check. Callers may add nested checks to the list.
	 */
	public List<FieldProblem> problems(ObjectNode body, boolean versionAllowed) {
		List<FieldProblem> problems = new ArrayList<>();
		for (String name : body.propertyNames()) {
			if (readOnly.contains(name) || (name.equals(VERSION) && !versionAllowed)) {
				problems.add(new FieldProblem(name, "is read-only"));
			}
			else if (!editable.contains(name) && !name.equals(VERSION)) {
				problems.add(new FieldProblem(name, "is not a known field"));
			}
		}
		return problems;
	}

	/** The body as an object, or a 400 naming every member that may not be sent. */
	public ObjectNode check(JsonNode body, boolean versionAllowed) {
		ObjectNode members = object(body);
		List<FieldProblem> problems = problems(members, versionAllowed);
		if (!problems.isEmpty()) {
			throw ApiException.invalid("The request names fields that cannot be set", problems);
		}
		return members;
	}

	public static ObjectNode object(JsonNode body) {
		if (!(body instanceof ObjectNode members)) {
			throw ApiException.invalid("body", "must be a JSON object");
		}
		return members;
	}

}
