package dev.rapport.events;

import dev.rapport.events.ContactSnapshot.Cadence;
import dev.rapport.events.ContactSnapshot.Email;
import dev.rapport.events.ContactSnapshot.HowWeMet;
import dev.rapport.events.ContactSnapshot.ImportantDate;
import dev.rapport.events.ContactSnapshot.Phone;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.events.InteractionSnapshot.FollowUp;
import dev.rapport.events.InteractionSnapshot.Initiator;
import org.junit.jupiter.api.Named;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Realistic events for tests: per registered type one with every optional field set and one with none. */
final class SampleEvents {

	static final UUID TEAM = UUID.fromString("7d4f3a52-1c1e-4a8e-9a51-0f6f2b8c1a01");
	static final UUID OWNER = UUID.fromString("0b9e6c1d-5f2a-4d3b-8e7c-2a1f9d8e7c02");
	static final UUID CONTACT = UUID.fromString("3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b003");
	static final UUID INTRODUCER = UUID.fromString("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c04");
	static final UUID OTHER_CONTACT = UUID.fromString("5c4b3a29-8e7d-4c6b-a5f4-e3d2c1b0a905");
	static final UUID INTERACTION = UUID.fromString("1e2d3c4b-5a69-4788-96a5-b4c3d2e1f006");
	static final UUID FOLLOW_UP = UUID.fromString("6f5e4d3c-2b1a-4098-8f7e-6d5c4b3a2907");
	static final UUID REMINDER = UUID.fromString("2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c08");
	static final UUID OTHER_MEMBER = UUID.fromString("0b9e6c1d-5f2a-4d3b-8e7c-2a1f9d8e7c03");
	static final UUID ADMIN = UUID.fromString("0b9e6c1d-5f2a-4d3b-8e7c-2a1f9d8e7c01");
	static final UUID HANDOFF = UUID.fromString("4a0d0ff0-2b1c-4d3e-8f4a-5b6c7d8e9f09");
	static final Instant CREATED = Instant.parse("2026-03-19T08:45:12.345678Z");
	static final Instant NOW = Instant.parse("2026-11-02T10:15:30.123Z");

	private SampleEvents() {
	}

	static ContactSnapshot fullSnapshot() {
		return new ContactSnapshot(
				"Ada Lovelace",
				"Ada",
				"Lovelace",
				List.of(new Email("ada@analyticalengines.co.uk", "work"), new Email("ada.l@example.org", "home")),
				List.of(new Phone("+44 20 7946 0958", "mobile")),
				"Analytical Engines Ltd",
				"Head of Computation",
				"London",
				new HowWeMet("Kafka Summit London", LocalDate.of(2024, 3, 19), INTRODUCER, "Talked about Bernoulli numbers"),
				List.of("mentor", "investor"),
				List.of("mathematics", "poetry"),
				"Moving to Turin in spring; daughter starts university.",
				List.of(new ImportantDate(ImportantDate.Kind.BIRTHDAY, null, 12, 10, 1815),
						new ImportantDate(ImportantDate.Kind.CUSTOM, "Joined Analytical Engines", 6, 1, null)),
				new Cadence(Cadence.Tier.CLOSE, 30),
				Visibility.TEAM,
				false,
				7,
				CREATED,
				NOW);
	}

	static ContactSnapshot minimalSnapshot() {
		return new ContactSnapshot("Grace", null, null, null, null, null, null, null, null, null, null, null, null,
				null, Visibility.PRIVATE, false, 0, CREATED, CREATED);
	}

	static InteractionSnapshot fullInteraction() {
		return new InteractionSnapshot(
				List.of(CONTACT, OTHER_CONTACT),
				InteractionSnapshot.Type.COFFEE_OR_MEAL,
				Instant.parse("2026-10-30T12:30:00Z"),
				"Europe/Lisbon",
				90,
				"Café A Brasileira, Chiado",
				Initiator.THEM,
				"Lunch before her move to Turin; she wants intros to the Lisbon maths community.",
				List.of("How did the move go?", "Did the Bernoulli paper get accepted?"),
				List.of(new FollowUp(FOLLOW_UP, "Introduce Ada to the Lisbon maths meetup", LocalDate.of(2026, 11, 6),
								FollowUp.Owner.ME, null),
						new FollowUp(UUID.fromString("7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c09"), "Send the engine notes",
								null, FollowUp.Owner.THEM, Instant.parse("2026-11-01T18:02:11.5Z"))),
				5,
				3,
				CREATED,
				NOW);
	}

	static InteractionSnapshot minimalInteraction() {
		return new InteractionSnapshot(List.of(CONTACT), InteractionSnapshot.Type.CALL, Instant.parse("2026-10-30T12:30:00Z"),
				"Europe/Lisbon", null, null, null, null, null, null, null, 0, CREATED, CREATED);
	}

	/** Every sample, named for test reports; a test checks each registered type appears here. */
	static List<Named<RapportEvent>> all() {
		ContactSnapshot before = fullSnapshot();
		ContactSnapshot after = new ContactSnapshot(before.displayName(), before.givenName(), before.familyName(),
				before.emails(), before.phones(), before.company(), "Chief Scientist", "Turin", before.howWeMet(),
				before.tags(), before.interests(), before.context(), before.importantDates(),
				new Cadence(null, 45), before.visibility(), false, 8, CREATED, NOW);
		InteractionSnapshot logged = fullInteraction();
		InteractionSnapshot edited = new InteractionSnapshot(logged.participantIds(), logged.type(), logged.happenedAt(),
				logged.timeZone(), 120, logged.place(), logged.initiatedBy(), logged.summary(), logged.questions(),
				logged.followUps(), 4, 4, CREATED, NOW);
		Instant lastTouch = Instant.parse("2026-09-01T17:00:00Z");
		return List.of(
				Named.of("ContactCreated full", ContactCreated.of(CONTACT, TEAM, OWNER, fullSnapshot(), NOW)),
				Named.of("ContactCreated minimal", ContactCreated.of(CONTACT, TEAM, OWNER, minimalSnapshot(), NOW)),
				Named.of("ContactUpdated full", ContactUpdated.of(CONTACT, TEAM, OWNER, before, after, NOW)),
				Named.of("ContactUpdated minimal", ContactUpdated.of(CONTACT, TEAM, OWNER, minimalSnapshot(), List.of(), NOW)),
				// The next three have no optional fields, so full and minimal are the same document.
				Named.of("ContactArchived", ContactArchived.of(CONTACT, TEAM, OWNER, NOW)),
				Named.of("ContactUnarchived", ContactUnarchived.of(CONTACT, TEAM, OWNER, NOW)),
				Named.of("ContactDeleted", ContactDeleted.of(CONTACT, TEAM, OWNER, NOW)),
				Named.of("ContactMerged", ContactMerged.of(CONTACT, OTHER_CONTACT, TEAM, OWNER, NOW)),
				Named.of("ContactHandedOff", ContactHandedOff.of(CONTACT, TEAM, OWNER, OTHER_MEMBER, HANDOFF, ADMIN, NOW)),
				Named.of("ContactState full", ContactState.of(CONTACT, TEAM, OWNER, fullSnapshot(), NOW)),
				Named.of("ContactState minimal", ContactState.of(CONTACT, TEAM, OWNER, minimalSnapshot(), NOW)),
				Named.of("InteractionLogged full", InteractionLogged.of(INTERACTION, TEAM, OWNER, fullInteraction(), NOW)),
				Named.of("InteractionLogged minimal", InteractionLogged.of(INTERACTION, TEAM, OWNER, minimalInteraction(), NOW)),
				Named.of("InteractionUpdated full", InteractionUpdated.of(INTERACTION, TEAM, OWNER, logged, edited, NOW)),
				Named.of("InteractionUpdated minimal", InteractionUpdated.of(INTERACTION, TEAM, OWNER, minimalInteraction(), List.of(), NOW)),
				// Interaction and reminder events below without a "full"/"minimal" pair have no optional fields.
				Named.of("InteractionDeleted", InteractionDeleted.of(INTERACTION, TEAM, OWNER, List.of(CONTACT, OTHER_CONTACT), NOW)),
				Named.of("InteractionState full", InteractionState.of(INTERACTION, TEAM, OWNER, fullInteraction(), NOW)),
				Named.of("InteractionState minimal", InteractionState.of(INTERACTION, TEAM, OWNER, minimalInteraction(), NOW)),
				Named.of("FollowUpCompleted", FollowUpCompleted.of(INTERACTION, TEAM, OWNER, FOLLOW_UP, List.of(CONTACT, OTHER_CONTACT), NOW)),
				Named.of("FollowUpReopened", FollowUpReopened.of(INTERACTION, TEAM, OWNER, FOLLOW_UP, List.of(CONTACT), NOW)),
				Named.of("RelationshipCooling full", RelationshipCooling.of(CONTACT, TEAM, OWNER, RelationshipState.DUE,
						RelationshipState.COOLING, 62, 30, lastTouch, NOW)),
				Named.of("RelationshipCooling minimal", RelationshipCooling.of(CONTACT, TEAM, OWNER, RelationshipState.WARM,
						RelationshipState.DUE, 31, 30, null, NOW)),
				Named.of("RelationshipRewarmed full", RelationshipRewarmed.of(CONTACT, TEAM, OWNER, RelationshipState.COLD,
						lastTouch, INTERACTION, NOW)),
				Named.of("RelationshipRewarmed minimal", RelationshipRewarmed.of(CONTACT, TEAM, OWNER, RelationshipState.DUE,
						lastTouch, null, NOW)),
				Named.of("ReminderDue", ReminderDue.of(REMINDER, TEAM, OWNER, CONTACT, ReminderKind.KEEP_IN_TOUCH,
						LocalDate.of(2026, 11, 2), NOW)),
				Named.of("ReminderCompleted", ReminderCompleted.of(REMINDER, TEAM, OWNER, CONTACT, ReminderKind.FOLLOW_UP, NOW)),
				Named.of("ReminderSnoozed", ReminderSnoozed.of(REMINDER, TEAM, OWNER, CONTACT, ReminderKind.IMPORTANT_DATE,
						LocalDate.of(2026, 11, 9), NOW)),
				Named.of("ReminderDismissed", ReminderDismissed.of(REMINDER, TEAM, OWNER, CONTACT, ReminderKind.KEEP_IN_TOUCH, NOW)),
				// Identity: published by the gateway. No optional fields.
				Named.of("MemberState", MemberState.of(OWNER, TEAM, "ada@analyticalengines.co.uk", "Ada Lovelace",
						List.of("member", "admin"), CREATED, NOW)),
				// The analytics tier: a fact is made from the events it stands beside, as the services make it.
				Named.of("ConversationFact full", ConversationFact.of(INTERACTION, TEAM, OWNER, fullInteraction(), NOW)),
				Named.of("ConversationFact minimal", ConversationFact.of(INTERACTION, TEAM, OWNER, minimalInteraction(), NOW)),
				Named.of("RelationshipTransition cooling", RelationshipTransition.of(RelationshipCooling.of(CONTACT, TEAM,
						OWNER, RelationshipState.DUE, RelationshipState.COOLING, 62, 30, lastTouch, NOW))),
				Named.of("RelationshipTransition rewarmed", RelationshipTransition.of(RelationshipRewarmed.of(CONTACT, TEAM,
						OWNER, RelationshipState.COLD, lastTouch, INTERACTION, NOW))));
	}
}
