package dev.rapport.platform.web;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads what a client sent into a resource's draft record: a body as it is, or a merge-patch applied to the draft
 * of what is stored. A document that does not fit the record answers one 400 naming the member at fault, the same
 * answer in every service.
 */
public class DraftReader {

	private final JsonMapper json;

	public DraftReader(JsonMapper json) {
		this.json = json;
	}

	public <D> D read(JsonNode document, Class<D> type) {
		try {
			return json.treeToValue(document, type);
		}
		catch (JacksonException ex) {
			throw ApiException.of(ProblemResponses.bodyProblem(ex));
		}
	}

	/**
	 * {@code current} with {@code changes} merged in (RFC 7396), read back as a draft; {@code current} is left
	 * alone. {@code changes} are already checked (see {@link WritableFields} and {@link Versions#checkPatch}).
	 */
	@SuppressWarnings("unchecked")
	public <D extends Record> D patched(D current, ObjectNode changes) {
		return read(MergePatch.apply(json.valueToTree(current), changes), (Class<D>) current.getClass());
	}

}
