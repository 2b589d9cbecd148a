package dev.rapport.events;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wire format: round trips, tolerance of newer writers, and the JSON conventions consumers rely on. */
class EventCodecTest {

	private final EventCodec codec = new EventCodec();
	private final JsonMapper json = JsonMapper.builder().build();

	static List<Named<RapportEvent>> samples() {
		return SampleEvents.all();
	}

	@ParameterizedTest
	@MethodSource("samples")
	void roundTripsThroughTheTypeHeader(RapportEvent event) {
		byte[] bytes = codec.serialize(event);

		assertThat(codec.deserialize(event.type(), bytes)).isEqualTo(event);
		assertThat(codec.fromJson(event.type(), codec.toJson(event))).isEqualTo(event);
		assertThat(codec.deserialize(bytes, event.getClass())).isEqualTo(event);
	}

	@ParameterizedTest
	@MethodSource("samples")
	void readsDocumentsWithFieldsAddedByNewerWriters(RapportEvent event) {
		ObjectNode document = (ObjectNode) json.readTree(codec.serialize(event));
		document.put("addedInVersion2", "ignored").putObject("nestedAddition").putArray("values").add(1);
		if (document.get("contact") instanceof ObjectNode contact) {
			contact.put("pronouns", "she/her");
			if (contact.get("emails").get(0) instanceof ObjectNode email) {
				email.put("verified", true);
			}
		}
		if (document.get("interaction") instanceof ObjectNode interaction) {
			interaction.put("mood", "great");
			if (interaction.get("followUps").get(0) instanceof ObjectNode followUp) {
				followUp.put("priority", "high");
			}
		}

		assertThat(codec.deserialize(event.type(), json.writeValueAsBytes(document))).isEqualTo(event);
	}

	@Test
	void readsEnumValuesAddedByNewerWritersAsTheSafeDefault() {
		ObjectNode document = (ObjectNode) json.readTree(codec.serialize(
				ContactCreated.of(SampleEvents.CONTACT, SampleEvents.TEAM, SampleEvents.OWNER, SampleEvents.fullSnapshot(), SampleEvents.NOW)));
		ObjectNode contact = (ObjectNode) document.get("contact");
		contact.put("visibility", "PUBLIC");
		((ObjectNode) contact.get("cadence")).put("tier", "SOULMATE");
		((ObjectNode) contact.get("importantDates").get(0)).put("kind", "NAME_DAY");

		ContactSnapshot read = ((ContactCreated) codec.deserialize("ContactCreated", json.writeValueAsBytes(document))).contact();

		assertThat(read.visibility()).isEqualTo(ContactSnapshot.Visibility.PRIVATE);
		assertThat(read.cadence()).isEqualTo(new ContactSnapshot.Cadence(null, 30));
		assertThat(read.importantDates().get(0).kind()).isEqualTo(ContactSnapshot.ImportantDate.Kind.CUSTOM);
	}

	@Test
	void readsEnumValuesAddedByNewerWritersInTheOtherEventsAsTheirSafeDefaults() {
		ObjectNode logged = (ObjectNode) json.readTree(codec.serialize(InteractionLogged.of(SampleEvents.INTERACTION,
				SampleEvents.TEAM, SampleEvents.OWNER, SampleEvents.fullInteraction(), SampleEvents.NOW)));
		ObjectNode interaction = (ObjectNode) logged.get("interaction");
		interaction.put("type", "HOLOGRAM");
		interaction.put("initiatedBy", "ALGORITHM");
		((ObjectNode) interaction.get("followUps").get(0)).put("owedBy", "BOTH");
		ObjectNode cooling = (ObjectNode) json.readTree(codec.serialize(RelationshipCooling.of(SampleEvents.CONTACT,
				SampleEvents.TEAM, SampleEvents.OWNER, RelationshipState.WARM, RelationshipState.DUE, 31, 30, null, SampleEvents.NOW)));
		cooling.put("previousState", "HOT").put("state", "FROZEN");
		ObjectNode due = (ObjectNode) json.readTree(codec.serialize(ReminderDue.of(SampleEvents.REMINDER, SampleEvents.TEAM,
				SampleEvents.OWNER, SampleEvents.CONTACT, ReminderKind.FOLLOW_UP, LocalDate.of(2026, 11, 2), SampleEvents.NOW)));
		due.put("kind", "ANNUAL_REVIEW");

		InteractionSnapshot read = ((InteractionLogged) codec.deserialize("InteractionLogged", json.writeValueAsBytes(logged))).interaction();
		RelationshipCooling readCooling = (RelationshipCooling) codec.deserialize("RelationshipCooling", json.writeValueAsBytes(cooling));

		assertThat(read.type()).isEqualTo(InteractionSnapshot.Type.OTHER);
		assertThat(read.initiatedBy()).isNull();
		assertThat(read.followUps().get(0).owedBy()).isEqualTo(InteractionSnapshot.FollowUp.Owner.ME);
		assertThat(readCooling.previousState()).isEqualTo(RelationshipState.COOLING);
		assertThat(readCooling.state()).isEqualTo(RelationshipState.COOLING);
		assertThat(((ReminderDue) codec.deserialize("ReminderDue", json.writeValueAsBytes(due))).kind())
				.isEqualTo(ReminderKind.KEEP_IN_TOUCH);
	}

	@Test
	void readsEnumValuesAddedByNewerWritersInTheAnalyticsFactsAsTheirSafeDefaults() {
		ObjectNode conversation = (ObjectNode) json.readTree(codec.serialize(ConversationFact.of(SampleEvents.INTERACTION,
				SampleEvents.TEAM, SampleEvents.OWNER, SampleEvents.fullInteraction(), SampleEvents.NOW)));
		conversation.put("interactionType", "HOLOGRAM");
		((ObjectNode) conversation.get("followUps").get(0)).put("owedBy", "BOTH");
		ObjectNode transition = (ObjectNode) json.readTree(codec.serialize(RelationshipTransition.of(RelationshipCooling.of(
				SampleEvents.CONTACT, SampleEvents.TEAM, SampleEvents.OWNER, RelationshipState.WARM, RelationshipState.DUE,
				31, 30, null, SampleEvents.NOW))));
		transition.put("previousState", "HOT").put("state", "FROZEN");

		ConversationFact readConversation = (ConversationFact) codec.deserialize("ConversationFact",
				json.writeValueAsBytes(conversation));
		RelationshipTransition readTransition = (RelationshipTransition) codec.deserialize("RelationshipTransition",
				json.writeValueAsBytes(transition));

		assertThat(readConversation.interactionType()).isEqualTo(InteractionSnapshot.Type.OTHER);
		assertThat(readConversation.followUps().get(0).owedBy()).isEqualTo(InteractionSnapshot.FollowUp.Owner.ME);
		assertThat(readTransition.previousState()).isEqualTo(RelationshipState.COOLING);
		assertThat(readTransition.state()).isEqualTo(RelationshipState.COOLING);
	}

	@Test
	void writesIsoStringsUpperCaseEnumsAndOmitsNulls() {
		RapportEvent event = ContactCreated.of(SampleEvents.CONTACT, SampleEvents.TEAM, SampleEvents.OWNER,
				SampleEvents.minimalSnapshot(), SampleEvents.NOW);

		JsonNode document = json.readTree(codec.serialize(event));

		assertThat(document.get("occurredAt").asString()).isEqualTo("2026-11-02T10:15:30.123Z");
		assertThat(document.get("contactId").asString()).isEqualTo(SampleEvents.CONTACT.toString());
		assertThat(document.get("contact").get("createdAt").asString()).isEqualTo("2026-03-19T08:45:12.345678Z");
		assertThat(document.get("contact").get("visibility").asString()).isEqualTo("PRIVATE");
		assertThat(document.get("contact").propertyNames())
				.doesNotContain("givenName", "cadence", "howWeMet", "context")
				.contains("emails", "tags");
		// type travels in the header and key in the record key; repeating them in the body invites disagreement
		assertThat(document.propertyNames()).doesNotContain("type", "key");
		assertThat(json.readTree(codec.serialize(ContactCreated.of(SampleEvents.CONTACT, SampleEvents.TEAM,
				SampleEvents.OWNER, SampleEvents.fullSnapshot(), SampleEvents.NOW)))
				.at("/contact/howWeMet/date").asString()).isEqualTo("2024-03-19");
		JsonNode interaction = json.readTree(codec.serialize(InteractionLogged.of(SampleEvents.INTERACTION, SampleEvents.TEAM,
				SampleEvents.OWNER, SampleEvents.minimalInteraction(), SampleEvents.NOW))).get("interaction");
		assertThat(interaction.get("type").asString()).isEqualTo("CALL");
		assertThat(interaction.get("timeZone").asString()).isEqualTo("Europe/Lisbon");
		assertThat(interaction.propertyNames()).doesNotContain("durationMinutes", "meaningfulness", "notes")
				.contains("questions", "followUps");
		assertThat(json.readTree(codec.serialize(ReminderDue.of(SampleEvents.REMINDER, SampleEvents.TEAM, SampleEvents.OWNER,
				SampleEvents.CONTACT, ReminderKind.FOLLOW_UP, LocalDate.of(2026, 11, 2), SampleEvents.NOW)))
				.get("dueOn").asString()).isEqualTo("2026-11-02");
	}

	@Test
	void refusesUnknownTypesSoCallersCanSkipThemFirst() {
		assertThat(codec.classOf("ContactTeleported")).isEmpty();
		assertThat(codec.classOf("ContactCreated")).contains(ContactCreated.class);
		assertThatThrownBy(() -> codec.deserialize("ContactTeleported", "{}".getBytes()))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("ContactTeleported");
	}

	@Test
	void refusesDocumentsThatBreakTheEventsInvariants() {
		ObjectNode document = (ObjectNode) json.readTree(codec.serialize(
				ContactCreated.of(SampleEvents.CONTACT, SampleEvents.TEAM, SampleEvents.OWNER, SampleEvents.fullSnapshot(), SampleEvents.NOW)));
		ObjectNode badMonth = document.deepCopy();
		((ObjectNode) badMonth.at("/contact/importantDates/0")).put("month", 13);
		ObjectNode noContactId = document.deepCopy();
		noContactId.remove("contactId");

		assertThatThrownBy(() -> codec.deserialize("ContactCreated", json.writeValueAsBytes(badMonth)))
				.isInstanceOf(JacksonException.class).hasMessageContaining("month");
		assertThatThrownBy(() -> codec.deserialize("ContactCreated", json.writeValueAsBytes(noContactId)))
				.isInstanceOf(JacksonException.class).hasMessageContaining("contactId");
		assertThatThrownBy(() -> codec.deserialize("ContactCreated", "{not json".getBytes()))
				.isInstanceOf(JacksonException.class);
	}
}
