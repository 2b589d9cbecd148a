package dev.rapport.events;

import dev.rapport.events.InteractionSnapshot.FollowUp;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules interaction, relationship and reminder events enforce beyond what every event shares. */
class InteractionEventsTest {

	@Test
	void changedFieldsNamesTheTopLevelFieldsThatDifferButNotBookkeeping() {
		InteractionUpdated updated = (InteractionUpdated) SampleEvents.all().stream()
				.filter(sample -> sample.getName().equals("InteractionUpdated full")).findFirst().orElseThrow().getPayload();

		assertThat(updated.changedFields()).containsExactly("durationMinutes", "meaningfulness");
		assertThat(InteractionSnapshot.changedFields(SampleEvents.fullInteraction(), SampleEvents.fullInteraction())).isEmpty();
	}

	@Test
	void everyInteractionEventNamesItsParticipants() {
		InteractionLogged logged = InteractionLogged.of(SampleEvents.INTERACTION, SampleEvents.TEAM, SampleEvents.OWNER,
				SampleEvents.fullInteraction(), SampleEvents.NOW);

		assertThat(logged.participantIds()).containsExactly(SampleEvents.CONTACT, SampleEvents.OTHER_CONTACT);
		assertThat(InteractionDeleted.of(SampleEvents.INTERACTION, SampleEvents.TEAM, SampleEvents.OWNER, null, SampleEvents.NOW)
				.participantIds()).isEmpty();
	}

	@Test
	void snapshotsAreImmutableAndNeverHoldNullLists() {
		List<UUID> participants = new ArrayList<>(List.of(SampleEvents.CONTACT));
		InteractionSnapshot snapshot = new InteractionSnapshot(participants, InteractionSnapshot.Type.EMAIL, SampleEvents.NOW,
				"UTC", null, null, null, null, null, null, null, 0, SampleEvents.NOW, SampleEvents.NOW);
		participants.add(SampleEvents.OTHER_CONTACT);

		assertThat(snapshot.participantIds()).containsExactly(SampleEvents.CONTACT);
		assertThat(snapshot.questions()).isEmpty();
		assertThat(snapshot.followUps()).isEmpty();
		assertThatThrownBy(() -> snapshot.participantIds().add(SampleEvents.OTHER_CONTACT))
				.isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void followUpsAreOpenUntilCompleted() {
		List<FollowUp> followUps = SampleEvents.fullInteraction().followUps();

		assertThat(followUps).extracting(FollowUp::open).containsExactly(true, false);
	}

	@Test
	void rejectsImpossibleValues() {
		assertThatThrownBy(() -> interactionWith(List.of(), null, null)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("participantIds");
		assertThatThrownBy(() -> interactionWith(null, null, null)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> interactionWith(List.of(SampleEvents.CONTACT), 0, null)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> interactionWith(List.of(SampleEvents.CONTACT), null, 0)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> interactionWith(List.of(SampleEvents.CONTACT), null, 6)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new FollowUp(SampleEvents.FOLLOW_UP, "Call back", null, null, null))
				.isInstanceOf(NullPointerException.class).hasMessage("owedBy");
		assertThatThrownBy(() -> RelationshipCooling.of(SampleEvents.CONTACT, SampleEvents.TEAM, SampleEvents.OWNER,
				RelationshipState.WARM, RelationshipState.DUE, -1, 30, null, SampleEvents.NOW)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> RelationshipCooling.of(SampleEvents.CONTACT, SampleEvents.TEAM, SampleEvents.OWNER,
				RelationshipState.WARM, RelationshipState.DUE, 31, 0, null, SampleEvents.NOW)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> RelationshipRewarmed.of(SampleEvents.CONTACT, SampleEvents.TEAM, SampleEvents.OWNER,
				RelationshipState.COLD, null, null, SampleEvents.NOW)).isInstanceOf(NullPointerException.class).hasMessage("lastInteractionAt");
		assertThatThrownBy(() -> ReminderDue.of(SampleEvents.REMINDER, SampleEvents.TEAM, SampleEvents.OWNER, SampleEvents.CONTACT,
				ReminderKind.FOLLOW_UP, null, SampleEvents.NOW)).isInstanceOf(NullPointerException.class).hasMessage("dueOn");
	}

	@Test
	void remindersAreKeyedByTheReminderNotTheContact() {
		ReminderSnoozed snoozed = ReminderSnoozed.of(SampleEvents.REMINDER, SampleEvents.TEAM, SampleEvents.OWNER,
				SampleEvents.CONTACT, ReminderKind.KEEP_IN_TOUCH, LocalDate.of(2026, 11, 9), SampleEvents.NOW);

		assertThat(snoozed.key()).isEqualTo(SampleEvents.REMINDER.toString());
		assertThat(Topics.ALL).contains(Topics.INTERACTIONS, Topics.RELATIONSHIPS, Topics.REMINDERS);
	}

	private static InteractionSnapshot interactionWith(List<UUID> participants, Integer durationMinutes, Integer meaningfulness) {
		Instant at = SampleEvents.NOW;
		return new InteractionSnapshot(participants, InteractionSnapshot.Type.CALL, at, "Europe/Lisbon", durationMinutes,
				null, null, null, null, null, meaningfulness, 0, at, at);
	}
}
