package dev.rapport.text;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.rapport.text.TextRules.MalformedTextException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextRulesTest {

	@Test
	void acceptsAnyTextWithTabsAndLineBreaks() {
		for (String text : List.of("", "Ada Lovelace", "Zoë Ægir, 東京, עברית", "emoji 😀 pair", "a\tb\nc\r\nd")) {
			assertThat(TextRules.problem(text)).as(text).isEmpty();
		}
	}

	@Test
	void refusesControlCharactersAndUnpairedSurrogates() {
		assertThat(TextRules.problem("a\u0000b")).hasValueSatisfying(reason -> assertThat(reason).contains("U+0000"));
		assertThat(TextRules.problem("bell\u0007")).isPresent();
		assertThat(TextRules.problem("del\u007f")).isPresent();
		assertThat(TextRules.problem("c1\u0085")).isPresent();
		assertThat(TextRules.problem("lone \ud800 high")).hasValueSatisfying(reason -> assertThat(reason)
			.contains("surrogate"));
		assertThat(TextRules.problem("lone \udc00 low")).isPresent();
		assertThat(TextRules.problem("ends high \ud83d")).isPresent();
	}

	@Test
	void decodesQueryComponentsStrictly() throws MalformedTextException {
		assertThat(TextRules.decodeQueryComponent("a+b%20c%C3%A9")).isEqualTo("a b cé");
		assertThat(TextRules.decodeQueryComponent("plain")).isEqualTo("plain");
		for (String bad : List.of("%", "%4", "%G1", "%C3%28", "%ED%A0%80", "%FF", "a%C3")) {
			assertThatThrownBy(() -> TextRules.decodeQueryComponent(bad)).as(bad)
				.isInstanceOf(MalformedTextException.class);
		}
	}

	@Test
	void theJacksonModuleRefusesBadStringsAtTheirPath() {
		JsonMapper json = JsonMapper.builder().addModule(new TextRulesModule()).build();
		record Draft(String name, List<String> tags, Map<String, String> extra) {
		}
		assertThat(json.readValue("{\"name\": \"Zoë\", \"tags\": [\"a\"], \"extra\": {\"k\": \"v\"}}", Draft.class)
			.name()).isEqualTo("Zoë");
		assertThatThrownBy(() -> json.readValue("{\"name\": \"a\\u0000b\"}", Draft.class))
			.isInstanceOf(InvalidTextException.class)
			.hasMessageContaining("U+0000");
		assertThatThrownBy(() -> json.readValue("{\"tags\": [\"ok\", \"\\ud800\"]}", Draft.class))
			.isInstanceOfSatisfying(InvalidTextException.class,
					ex -> assertThat(ex.getPath()).extracting(ref -> ref.getPropertyName()).contains("tags"));
		assertThatThrownBy(() -> json.readValue("{\"extra\": {\"k\": \"\\u0001\"}}", Draft.class))
			.isInstanceOf(InvalidTextException.class);
		assertThatThrownBy(() -> json.treeToValue(json.readTree("{\"name\": \"\\u001b[31m\"}"), Draft.class))
			.as("also from a tree (merge-patch)")
			.isInstanceOf(InvalidTextException.class);
	}

	@Test
	void valuesReadFromStringsAreCheckedTooWhateverTheirParser() {
		JsonMapper json = JsonMapper.builder().addModule(new TextRulesModule()).build();
		record Snooze(java.time.LocalDate until, java.time.Instant at, java.util.UUID id, java.time.ZoneId zone,
				java.time.DayOfWeek day) {
		}
		assertThat(json.readValue("{\"until\": \"2027-01-30\", \"at\": \"2027-01-30T10:00:00Z\", "
				+ "\"id\": \"%s\", \"zone\": \"Europe/Paris\"}".formatted(new java.util.UUID(1, 2)), Snooze.class)
			.until()).hasToString("2027-01-30");
		for (String body : List.of("{\"until\": \"2027-01-30\\u0000\"}", "{\"at\": \"\\u00002027-01-30T10:00:00Z\"}",
				"{\"zone\": \"Europe/Paris\\u0001\"}", "{\"day\": \"MONDAY\\u0000\"}", "{\"day\": \"\\u0000MONDAY\"}")) {
			assertThatThrownBy(() -> json.readValue(body, Snooze.class)).as(body)
				.isInstanceOf(InvalidTextException.class);
		}
	}

}
