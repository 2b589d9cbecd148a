package dev.rapport.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The analytics view of a relationship changing state (cooling or rewarmed), on {@link Topics#ANALYTICS_RELATIONSHIPS},
 * keyed by the contact id so one relationship's transitions stay in order. Published beside every
 * {@link RelationshipCooling} and {@link RelationshipRewarmed}, in the same transaction; {@code occurredAt} is when the
 * relationship changed state.
 */
public record RelationshipTransition(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID contactId,
		UUID teamId,
		UUID ownerId,
		RelationshipState previousState,
		RelationshipState state) implements AnalyticsFact {

	public static final int SCHEMA_VERSION = 1;

	public RelationshipTransition {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(contactId, "contactId");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(ownerId, "ownerId");
		Objects.requireNonNull(previousState, "previousState");
		Objects.requireNonNull(state, "state");
	}

	public static RelationshipTransition of(RelationshipCooling cooling) {
		return new RelationshipTransition(UUID.randomUUID(), cooling.occurredAt(), SCHEMA_VERSION, cooling.contactId(),
				cooling.teamId(), cooling.ownerId(), cooling.previousState(), cooling.state());
	}

	public static RelationshipTransition of(RelationshipRewarmed rewarmed) {
		return new RelationshipTransition(UUID.randomUUID(), rewarmed.occurredAt(), SCHEMA_VERSION, rewarmed.contactId(),
				rewarmed.teamId(), rewarmed.ownerId(), rewarmed.previousState(), RelationshipState.WARM);
	}

	@Override
	public String key() {
		return contactId.toString();
	}
}
