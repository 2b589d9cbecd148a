package dev.rapport.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The relationship with a contact got colder (say from WARM to DUE, or COOLING to COLD) because time passed without
 * an interaction. {@code lastInteractionAt} is null when the owner never logged one with this contact; then
 * {@code daysSinceLastTouch} counts from when the contact was added.
 */
public record RelationshipCooling(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID contactId,
		UUID teamId,
		UUID ownerId,
		RelationshipState previousState,
		RelationshipState state,
		int daysSinceLastTouch,
		int expectedGapDays,
		Instant lastInteractionAt) implements RelationshipEvent {

	public static final int SCHEMA_VERSION = 1;

	public RelationshipCooling {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(contactId, "contactId");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(ownerId, "ownerId");
		Objects.requireNonNull(previousState, "previousState");
		Objects.requireNonNull(state, "state");
		if (daysSinceLastTouch < 0) {
			throw new IllegalArgumentException("daysSinceLastTouch must not be negative: " + daysSinceLastTouch);
		}
		if (expectedGapDays < 1) {
			throw new IllegalArgumentException("expectedGapDays must be positive: " + expectedGapDays);
		}
	}

	public static RelationshipCooling of(UUID contactId, UUID teamId, UUID ownerId, RelationshipState previousState,
										 RelationshipState state, int daysSinceLastTouch, int expectedGapDays,
										 Instant lastInteractionAt, Instant occurredAt) {
		return new RelationshipCooling(UUID.randomUUID(), occurredAt, SCHEMA_VERSION, contactId, teamId, ownerId,
				previousState, state, daysSinceLastTouch, expectedGapDays, lastInteractionAt);
	}
}
