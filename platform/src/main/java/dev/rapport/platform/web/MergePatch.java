package dev.rapport.platform.web;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON Merge Patch (RFC 7396): what a PATCH with {@code application/merge-patch+json} means. */
public final class MergePatch {

	public static final String MEDIA_TYPE = "application/merge-patch+json";

	private MergePatch() {
	}

	/**
	 * Applies {@code patch} to {@code target} and returns the result; {@code target} is not modified. Objects merge
	 * member by member, {@code null} removes a member, anything else (arrays included) replaces it.
	 */
	public static JsonNode apply(JsonNode target, JsonNode patch) {
		if (!patch.isObject()) {
			return patch.deepCopy();
		}
		ObjectNode result = target != null && target.isObject() ? (ObjectNode) target.deepCopy()
				: ((ObjectNode) patch).objectNode();
		for (Map.Entry<String, JsonNode> member : patch.properties()) {
			if (member.getValue().isNull()) {
				result.remove(member.getKey());
			}
			else {
				result.set(member.getKey(), apply(result.get(member.getKey()), member.getValue()));
			}
		}
		return result;
	}

}
