package dev.rapport.platform.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples of RFC 7396, appendix A, plus the guarantee that the target is left alone. */
class MergePatchTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"a":"b"}              | {"a":"c"}              | {"a":"c"}
			{"a":"b"}              | {"b":"c"}              | {"a":"b","b":"c"}
			{"a":"b"}              | {"a":null}             | {}
			{"a":"b","b":"c"}      | {"a":null}             | {"b":"c"}
			{"a":["b"]}            | {"a":"c"}              | {"a":"c"}
			{"a":"c"}              | {"a":["b"]}            | {"a":["b"]}
			{"a":{"b":"c"}}        | {"a":{"b":"d","c":null}} | {"a":{"b":"d"}}
			{"a":[{"b":"c"}]}      | {"a":[1]}              | {"a":[1]}
			["a","b"]              | ["c","d"]              | ["c","d"]
			{"a":"b"}              | ["c"]                  | ["c"]
			{"a":"foo"}            | null                   | null
			{"a":"foo"}            | "bar"                  | "bar"
			{"e":null}             | {"a":1}                | {"e":null,"a":1}
			[1,2]                  | {"a":"b","c":null}     | {"a":"b"}
			{}                     | {"a":{"bb":{"ccc":null}}} | {"a":{"bb":{}}}
			""")
	void followsRfc7396(String target, String patch, String expected) {
		assertThat(MergePatch.apply(JSON.readTree(target), JSON.readTree(patch))).isEqualTo(JSON.readTree(expected));
	}

	@Test
	void leavesTheTargetUnchanged() {
		JsonNode target = JSON.readTree("{\"a\":{\"b\":1}}");

		MergePatch.apply(target, JSON.readTree("{\"a\":{\"b\":2,\"c\":3}}"));

		assertThat(target).isEqualTo(JSON.readTree("{\"a\":{\"b\":1}}"));
	}

}
