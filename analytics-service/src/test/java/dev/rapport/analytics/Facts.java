package dev.rapport.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.rapport.events.ConversationFact;
import dev.rapport.events.ConversationFact.FollowUpFact;
import dev.rapport.events.InteractionSnapshot;
import dev.rapport.events.InteractionSnapshot.FollowUp.Owner;
import dev.rapport.events.RelationshipState;
import dev.rapport.events.RelationshipTransition;

/** The analytics tier's records as the services publish them, for tests. */
final class Facts {

	private Facts() {
	}

	static ConversationFact conversation(UUID interaction, UUID team, UUID author, Instant happenedAt, long version,
			List<UUID> contacts, FollowUpFact... followUps) {
		return conversation(interaction, team, author, happenedAt, "UTC", version, contacts, followUps);
	}

	static ConversationFact conversation(UUID interaction, UUID team, UUID author, Instant happenedAt, String timeZone,
			long version, List<UUID> contacts, FollowUpFact... followUps) {
		return new ConversationFact(UUID.randomUUID(), happenedAt, ConversationFact.SCHEMA_VERSION, interaction, team,
				author, contacts, InteractionSnapshot.Type.CALL, happenedAt, timeZone, List.of(followUps), version);
	}

	static FollowUpFact followUp(LocalDate dueOn, Owner owedBy, Instant completedAt) {
		return new FollowUpFact(UUID.randomUUID(), dueOn, owedBy, completedAt);
	}

	static RelationshipTransition transition(UUID contact, UUID team, UUID owner, RelationshipState from,
			RelationshipState to, Instant at) {
		return new RelationshipTransition(UUID.randomUUID(), at, RelationshipTransition.SCHEMA_VERSION, contact, team,
				owner, from, to);
	}

}
