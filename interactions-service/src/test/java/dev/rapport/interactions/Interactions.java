package dev.rapport.interactions;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.rapport.platform.test.ApiClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/** Request bodies and assertions the interactions tests share. */
final class Interactions {

	private Interactions() {
	}

	static String coffee(UUID... participants) {
		return coffee("2026-03-02T09:30:00Z", participants);
	}

	static String coffee(String happenedAt, UUID... participants) {
		return """
				{"participantIds": %s, "type": "COFFEE_OR_MEAL", "happenedAt": "%s", "timeZone": "Europe/Paris",
				 "durationMinutes": 45, "place": "Café de Flore", "initiatedBy": "ME",
				 "summary": "Talked about her move to Turin", "notes": "Seemed tired; ask about the new job gently",
				 "learned": ["Her daughter starts university in October"],
				 "questions": ["How did the first week in Turin go?"],
				 "followUps": [{"text": "Send the book recommendation", "dueOn": "2026-03-09", "owedBy": "ME"},
				               {"text": "Intro to her colleague", "owedBy": "THEM"}],
				 "meaningfulness": 4}
				""".formatted(ids(participants), happenedAt);
	}

	static String ids(UUID... ids) {
		return List.of(ids).stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(", ", "[", "]"));
	}

	static List<String> errorFields(Response response) {
		return response.json().get("errors").valueStream().map(error -> error.get("field").asString()).toList();
	}

}
