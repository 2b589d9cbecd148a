package dev.rapport.events;

import dev.rapport.events.ContactSnapshot.Cadence;
import dev.rapport.events.ContactSnapshot.ImportantDate;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event records' contract: names, keys, factories and the rules a snapshot enforces. */
class ContactEventsTest {

	@Test
	void everyRegisteredTypeIsNamedAfterItsClassAndKeyedByItsAggregate() {
		for (Named<RapportEvent> sample : SampleEvents.all()) {
			RapportEvent event = sample.getPayload();
			assertThat(EventTypes.classOf(event.type())).contains(event.getClass());
			assertThat(event.key()).as(sample.getName()).isEqualTo(switch (event) {
				case ContactEvent contactEvent -> contactEvent.contactId().toString();
				case InteractionEvent interactionEvent -> interactionEvent.interactionId().toString();
				case RelationshipEvent relationshipEvent -> relationshipEvent.contactId().toString();
				case ReminderEvent reminderEvent -> reminderEvent.reminderId().toString();
				case ConversationFact fact -> fact.interactionId().toString();
				case RelationshipTransition transition -> transition.contactId().toString();
				case MemberState member -> member.memberId().toString();
				default -> throw new AssertionError(sample.getName() + " implements no aggregate interface");
			}).isEqualTo(switch (event) {
				case InteractionEvent ignored -> SampleEvents.INTERACTION.toString();
				case ConversationFact ignored -> SampleEvents.INTERACTION.toString();
				case ReminderEvent ignored -> SampleEvents.REMINDER.toString();
				case MemberState ignored -> SampleEvents.OWNER.toString();
				default -> SampleEvents.CONTACT.toString();
			});
			assertThat(event.teamId()).isEqualTo(SampleEvents.TEAM);
			assertThat(event.schemaVersion()).isEqualTo(1);
		}
		assertThat(EventTypes.names()).containsExactly(
				"ContactCreated", "ContactUpdated", "ContactArchived", "ContactUnarchived", "ContactDeleted", "ContactMerged", "ContactHandedOff",
				"ContactState",
				"InteractionLogged", "InteractionUpdated", "InteractionDeleted", "InteractionState", "FollowUpCompleted", "FollowUpReopened",
				"RelationshipCooling", "RelationshipRewarmed",
				"ReminderDue", "ReminderCompleted", "ReminderSnoozed", "ReminderDismissed", "MemberState",
				"ConversationFact", "RelationshipTransition");
	}

	@Test
	void factoriesGiveEveryEventItsOwnId() {
		ContactDeleted first = ContactDeleted.of(SampleEvents.CONTACT, SampleEvents.TEAM, SampleEvents.OWNER, SampleEvents.NOW);
		ContactDeleted second = ContactDeleted.of(SampleEvents.CONTACT, SampleEvents.TEAM, SampleEvents.OWNER, SampleEvents.NOW);

		assertThat(first.eventId()).isNotEqualTo(second.eventId());
		assertThat(first.occurredAt()).isEqualTo(SampleEvents.NOW);
	}

	@Test
	void changedFieldsNamesTheTopLevelFieldsThatDifferButNotBookkeeping() {
		ContactUpdated updated = (ContactUpdated) SampleEvents.all().stream()
				.filter(sample -> sample.getName().equals("ContactUpdated full")).findFirst().orElseThrow().getPayload();

		assertThat(updated.changedFields()).containsExactly("title", "location", "cadence");
		assertThat(ContactSnapshot.changedFields(SampleEvents.fullSnapshot(), SampleEvents.fullSnapshot())).isEmpty();
	}

	@Test
	void snapshotsAreImmutableAndNeverHoldNullLists() {
		List<String> tags = new ArrayList<>(List.of("mentor"));
		ContactSnapshot snapshot = new ContactSnapshot("Ada", null, null, null, null, null, null, null, null, tags,
				null, null, null, null, ContactSnapshot.Visibility.TEAM, false, 1, SampleEvents.NOW, SampleEvents.NOW);
		tags.add("added later");

		assertThat(snapshot.tags()).containsExactly("mentor");
		assertThat(snapshot.emails()).isEmpty();
		assertThatThrownBy(() -> snapshot.tags().add("x")).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void rejectsImpossibleValues() {
		assertThatThrownBy(() -> new ImportantDate(ImportantDate.Kind.BIRTHDAY, null, 13, 1, null))
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new ImportantDate(ImportantDate.Kind.BIRTHDAY, null, 1, 32, null))
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new Cadence(Cadence.Tier.CLOSE, 0)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> ContactCreated.of(SampleEvents.CONTACT, null, SampleEvents.OWNER, SampleEvents.minimalSnapshot(), SampleEvents.NOW))
				.isInstanceOf(NullPointerException.class).hasMessage("teamId");
	}

	@Test
	void deadLetterTopicsFollowTheirSource() {
		assertThat(Topics.deadLetter(Topics.CONTACTS)).isEqualTo("rapport.contacts.v1.dlt");
	}

	@Test
	void everyTopicHasItsDeadLetterTopic() {
		assertThat(Topics.ALL_WITH_DEAD_LETTERS).containsExactly("rapport.contacts.v1", "rapport.contacts.v1.dlt",
				"rapport.interactions.v1", "rapport.interactions.v1.dlt", "rapport.relationships.v1",
				"rapport.relationships.v1.dlt", "rapport.reminders.v1", "rapport.reminders.v1.dlt");
	}

	@Test
	void contactStatesGoOnTheCompactedStateTopicKeyedByContact() {
		ContactState state = ContactState.of(SampleEvents.CONTACT, SampleEvents.TEAM, SampleEvents.OWNER,
				SampleEvents.fullSnapshot(), SampleEvents.NOW);

		assertThat(Topics.of(state)).isEqualTo("rapport.contacts.state.v1");
		assertThat(state.key()).isEqualTo(SampleEvents.CONTACT.toString());
		assertThat(Topics.config(Topics.CONTACTS_STATE)).containsEntry("cleanup.policy", "compact")
			.containsEntry("delete.retention.ms", "86400000")
			.containsEntry("max.compaction.lag.ms", "86400000");
		assertThat(Topics.config(Topics.CONTACTS)).isEmpty();
		assertThat(Topics.EVERY_TOPIC).containsAll(Topics.ALL_WITH_DEAD_LETTERS).contains(Topics.CONTACTS_STATE)
			.doesNotContain(Topics.deadLetter(Topics.CONTACTS_STATE));
	}
}
