package dev.rapport.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A relationship that had cooled (DUE, COOLING or COLD) is WARM again after an interaction. {@code interactionId}
 * names that interaction when known, and is null when the state was recomputed without one (say a cadence change).
 */
public record RelationshipRewarmed(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID contactId,
		UUID teamId,
		UUID ownerId,
		RelationshipState previousState,
		Instant lastInteractionAt,
		UUID interactionId) implements RelationshipEvent {

	public static final int SCHEMA_VERSION = 1;

	public RelationshipRewarmed {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(contactId, "contactId");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(ownerId, "ownerId");
		Objects.requireNonNull(previousState, "previousState");
		Objects.requireNonNull(lastInteractionAt, "lastInteractionAt");
	}

	public static RelationshipRewarmed of(UUID contactId, UUID teamId, UUID ownerId, RelationshipState previousState,
										  Instant lastInteractionAt, UUID interactionId, Instant occurredAt) {
		return new RelationshipRewarmed(UUID.randomUUID(), occurredAt, SCHEMA_VERSION, contactId, teamId, ownerId,
				previousState, lastInteractionAt, interactionId);
	}
}
