package dev.rapport.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An interaction's latest state, on the compacted {@link Topics#INTERACTIONS_STATE}: published after every change of
 * the interaction (logged, edited, a follow-up done or reopened, a participant erased), so a consumer reading the
 * topic from offset zero rebuilds every interaction. A deleted interaction's key gets a tombstone (null value).
 */
public record InteractionState(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID interactionId,
		UUID teamId,
		UUID authorId,
		InteractionSnapshot interaction) implements InteractionEvent {

	public static final int SCHEMA_VERSION = 1;

	public InteractionState {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(interactionId, "interactionId");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(authorId, "authorId");
		Objects.requireNonNull(interaction, "interaction");
	}

	public static InteractionState of(UUID interactionId, UUID teamId, UUID authorId, InteractionSnapshot interaction,
			Instant occurredAt) {
		return new InteractionState(UUID.randomUUID(), occurredAt, SCHEMA_VERSION, interactionId, teamId, authorId,
				interaction);
	}

	@Override
	public List<UUID> participantIds() {
		return interaction.participantIds();
	}
}
