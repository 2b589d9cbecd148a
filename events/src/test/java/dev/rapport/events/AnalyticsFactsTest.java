package dev.rapport.events;

import dev.rapport.events.InteractionSnapshot.FollowUp;
import dev.rapport.events.InteractionSnapshot.Initiator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics tier carries no personal data: a fact made from an interaction full of free text holds none of it,
 * and every string in a fact is an id, a timestamp, a date, an enum value or a time zone, never text someone wrote.
 */
class AnalyticsFactsTest {

	private static final Pattern UUID_TEXT = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

	private static final Pattern ENUM_VALUE = Pattern.compile("^[A-Z][A-Z_]*$");

	private final EventCodec codec = new EventCodec();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aConversationFactCarriesNoneOfTheInteractionsFreeText() {
		List<String> freeText = List.of("Pastelaria Versailles, Avenida da República", "ROOFTOP",
				"She told me about her divorce and the new flat in Turin",
				"Is her mother out of hospital?", "How is the Bernoulli paper?",
				"Lend her the Menabrea translation", "Send Ada the notes on the engine");
		InteractionSnapshot full = new InteractionSnapshot(List.of(SampleEvents.CONTACT, SampleEvents.OTHER_CONTACT),
				InteractionSnapshot.Type.COFFEE_OR_MEAL, Instant.parse("2026-10-30T12:30:00Z"), "Europe/Lisbon", 90,
				freeText.get(0) + " " + freeText.get(1), Initiator.THEM, freeText.get(2),
				List.of(freeText.get(3), freeText.get(4)),
				List.of(new FollowUp(SampleEvents.FOLLOW_UP, freeText.get(5), LocalDate.of(2026, 11, 6), FollowUp.Owner.ME,
						null), new FollowUp(UUID.randomUUID(), freeText.get(6), null, FollowUp.Owner.THEM,
						Instant.parse("2026-11-01T18:02:11.5Z"))),
				5, 3, SampleEvents.CREATED, SampleEvents.NOW);

		ConversationFact fact = ConversationFact.of(SampleEvents.INTERACTION, SampleEvents.TEAM, SampleEvents.OWNER,
				full, SampleEvents.NOW);
		String written = codec.toJson(fact);

		for (String text : freeText) {
			assertThat(written).as("the fact's JSON").doesNotContainIgnoringCase(text);
		}
		assertThat(unstructuredStrings("", json.readTree(written))).as("strings that could be someone's words").isEmpty();
		assertThat(fact.contactIds()).containsExactly(SampleEvents.CONTACT, SampleEvents.OTHER_CONTACT);
		assertThat(fact.followUps()).extracting(ConversationFact.FollowUpFact::dueOn)
			.containsExactly(LocalDate.of(2026, 11, 6), null);
		assertThat(fact.version()).isEqualTo(3);
		assertThat(fact.key()).isEqualTo(SampleEvents.INTERACTION.toString());
		assertThat(Topics.of(fact)).isEqualTo(Topics.ANALYTICS_CONVERSATIONS);
	}

	@Test
	void aRelationshipTransitionCarriesTheStatesAndIdsOfTheEventItStandsBeside() {
		RelationshipCooling cooling = RelationshipCooling.of(SampleEvents.CONTACT, SampleEvents.TEAM,
				SampleEvents.OWNER, RelationshipState.DUE, RelationshipState.COOLING, 62, 30, SampleEvents.CREATED,
				SampleEvents.NOW);
		RelationshipRewarmed rewarmed = RelationshipRewarmed.of(SampleEvents.CONTACT, SampleEvents.TEAM,
				SampleEvents.OWNER, RelationshipState.COLD, SampleEvents.NOW, SampleEvents.INTERACTION, SampleEvents.NOW);

		RelationshipTransition colder = RelationshipTransition.of(cooling);
		RelationshipTransition warmer = RelationshipTransition.of(rewarmed);

		assertThat(colder.eventId()).as("an event of its own").isNotEqualTo(cooling.eventId());
		assertThat(List.of(colder.previousState(), colder.state(), warmer.previousState(), warmer.state()))
			.containsExactly(RelationshipState.DUE, RelationshipState.COOLING, RelationshipState.COLD, RelationshipState.WARM);
		assertThat(colder.occurredAt()).isEqualTo(cooling.occurredAt());
		assertThat(colder.key()).isEqualTo(cooling.contactId().toString());
		assertThat(Topics.of(colder)).isEqualTo(Topics.ANALYTICS_RELATIONSHIPS);
		for (RelationshipTransition transition : List.of(colder, warmer)) {
			assertThat(unstructuredStrings("", json.readTree(codec.toJson(transition)))).isEmpty();
		}
	}

	/** JSON pointers of string values that are no id, timestamp, date, enum value or time zone. */
	private static List<String> unstructuredStrings(String path, JsonNode node) {
		List<String> found = new ArrayList<>();
		if (node.isObject()) {
			node.properties().forEach(field -> found.addAll(unstructuredStrings(path + "/" + field.getKey(), field.getValue())));
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				found.addAll(unstructuredStrings(path + "/" + i, node.get(i)));
			}
		}
		else if (node.isString() && !structured(path, node.asString())) {
			found.add(path + ": " + node.asString());
		}
		return found;
	}

	private static boolean structured(String path, String value) {
		if (UUID_TEXT.matcher(value).matches() || ENUM_VALUE.matcher(value).matches()) {
			return true;
		}
		if (path.endsWith("/timeZone")) {
			return ZoneId.getAvailableZoneIds().contains(value);
		}
		try {
			Instant.parse(value);
			return true;
		}
		catch (DateTimeParseException notAnInstant) {
			try {
				LocalDate.parse(value);
				return true;
			}
			catch (DateTimeParseException notADate) {
				return false;
			}
		}
	}

}
