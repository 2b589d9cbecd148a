package dev.rapport.platform.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A body read as a draft, and a merge-patch applied to a stored draft, with one 400 for what does not fit. */
class DraftReaderTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	final DraftReader drafts = new DraftReader(JSON);

	@Test
	void aPatchReplacesTheMembersItNamesAndLeavesTheDraftAlone() {
		Draft stored = new Draft("Ada", 3, List.of("math"));

		Draft patched = drafts.patched(stored, (ObjectNode) JSON.readTree("""
				{"name": "Ada Lovelace", "tags": null}"""));

		assertThat(patched).isEqualTo(new Draft("Ada Lovelace", 3, null));
		assertThat(stored).isEqualTo(new Draft("Ada", 3, List.of("math")));
	}

	@Test
	void aMemberOfTheWrongKindIsA400NamingIt() {
		ApiException invalid = catchThrowableOfType(ApiException.class,
				() -> drafts.read(JSON.readTree("""
						{"name": "Ada", "rank": "high"}"""), Draft.class));

		assertThat(invalid.problem().getStatus()).isEqualTo(400);
		assertThat(invalid.problem().getProperties().toString()).contains("rank");
	}

	record Draft(String name, Integer rank, List<String> tags) {
	}

}
