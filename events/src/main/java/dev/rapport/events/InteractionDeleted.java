package dev.rapport.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An interaction was deleted. An erasure signal: every consumer must erase all it holds about this interaction.
 * Names the participants so consumers can recompute what depended on it (a contact's last touch).
 */
public record InteractionDeleted(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID interactionId,
		UUID teamId,
		UUID authorId,
		List<UUID> participantIds) implements InteractionEvent {

	public static final int SCHEMA_VERSION = 1;

	public InteractionDeleted {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(interactionId, "interactionId");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(authorId, "authorId");
		participantIds = participantIds == null ? List.of() : List.copyOf(participantIds);
	}

	public static InteractionDeleted of(UUID interactionId, UUID teamId, UUID authorId, List<UUID> participantIds,
										Instant occurredAt) {
		return new InteractionDeleted(UUID.randomUUID(), occurredAt, SCHEMA_VERSION, interactionId, teamId, authorId,
				participantIds);
	}
}
