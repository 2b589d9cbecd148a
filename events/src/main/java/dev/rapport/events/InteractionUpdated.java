package dev.rapport.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An interaction was edited; carries the full new state plus which top-level fields changed, so consumers
 * interested in one field (say {@code happenedAt}) can skip the rest.
 */
public record InteractionUpdated(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID interactionId,
		UUID teamId,
		UUID authorId,
		InteractionSnapshot interaction,
		List<String> changedFields) implements InteractionEvent {

	public static final int SCHEMA_VERSION = 1;

	public InteractionUpdated {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(interactionId, "interactionId");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(authorId, "authorId");
		Objects.requireNonNull(interaction, "interaction");
		changedFields = changedFields == null ? List.of() : List.copyOf(changedFields);
	}

	public static InteractionUpdated of(UUID interactionId, UUID teamId, UUID authorId, InteractionSnapshot interaction,
										List<String> changedFields, Instant occurredAt) {
		return new InteractionUpdated(UUID.randomUUID(), occurredAt, SCHEMA_VERSION, interactionId, teamId, authorId,
				interaction, changedFields);
	}

	/** Builds the event from the states before and after, so producers never hand-maintain the field list. */
	public static InteractionUpdated of(UUID interactionId, UUID teamId, UUID authorId, InteractionSnapshot before,
										InteractionSnapshot after, Instant occurredAt) {
		return of(interactionId, teamId, authorId, after, InteractionSnapshot.changedFields(before, after), occurredAt);
	}

	@Override
	public List<UUID> participantIds() {
		return interaction.participantIds();
	}
}
