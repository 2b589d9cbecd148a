package dev.rapport.gateway;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks an RFC 9457 problem body, and that nothing internal (a stack trace, an exception name) leaked into it. */
final class ProblemAssert {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final JsonNode problem;

	private ProblemAssert(String body) {
		assertThat(body).as("problem body").isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
		this.problem = json.readTree(body);
		assertThat(problem.propertyNames()).as("problem members").doesNotContain("trace", "exception", "error");
		assertThat(problem.path("title").asString()).as("title").isNotBlank();
	}

	static ProblemAssert of(String body) {
		return new ProblemAssert(body);
	}

	ProblemAssert hasType(String type) {
		assertThat(problem.path("type").asString()).as("type").isEqualTo(type);
		return this;
	}

	ProblemAssert hasTitle(String title) {
		assertThat(problem.path("title").asString()).as("title").isEqualTo(title);
		return this;
	}

	ProblemAssert hasStatus(int status) {
		assertThat(problem.path("status").asInt()).as("status").isEqualTo(status);
		return this;
	}

	ProblemAssert hasInstance(String instance) {
		assertThat(problem.path("instance").asString()).as("instance").isEqualTo(instance);
		return this;
	}

	ProblemAssert detailContains(String text) {
		assertThat(problem.path("detail").asString()).as("detail").contains(text);
		return this;
	}

}
