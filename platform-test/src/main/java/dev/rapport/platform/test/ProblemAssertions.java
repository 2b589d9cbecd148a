package dev.rapport.platform.test;

import dev.rapport.platform.test.ApiClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/** Asserts the shape every Rapport error has: status, problem+json, a stable type, nothing internal leaked. */
public final class ProblemAssertions {

	private ProblemAssertions() {
	}

	public static void assertProblem(Response response, int status, String type) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("type").asString()).isEqualTo("https://rapport.dev/problems/" + type);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.rapport");
	}

	/** A 400 validation problem naming {@code field} and nothing else; answers what it says of that field. */
	public static String assertFieldProblem(Response response, String field) {
		assertProblem(response, 400, "validation");
		assertThat(response.json().get("errors").valueStream().map(error -> error.get("field").asString()))
			.as(response.toString())
			.containsExactly(field);
		return response.json().at("/errors/0/message").asString();
	}

}
