package dev.rapport.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A follow-up of an interaction was marked done. Keyed by the interaction, so it stays in order with the interaction's
 * other events; names the participants so reminder and cooling consumers need no lookup.
 */
public record FollowUpCompleted(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID interactionId,
		UUID teamId,
		UUID authorId,
		UUID followUpId,
		List<UUID> participantIds) implements InteractionEvent {

	public static final int SCHEMA_VERSION = 1;

	public FollowUpCompleted {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(interactionId, "interactionId");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(authorId, "authorId");
		Objects.requireNonNull(followUpId, "followUpId");
		participantIds = participantIds == null ? List.of() : List.copyOf(participantIds);
	}

	public static FollowUpCompleted of(UUID interactionId, UUID teamId, UUID authorId, UUID followUpId,
									   List<UUID> participantIds, Instant occurredAt) {
		return new FollowUpCompleted(UUID.randomUUID(), occurredAt, SCHEMA_VERSION, interactionId, teamId, authorId,
				followUpId, participantIds);
	}
}
