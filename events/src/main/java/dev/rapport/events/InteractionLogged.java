package dev.rapport.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** An interaction with one or more contacts was logged; carries its state so consumers never need to call back. */
public record InteractionLogged(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID interactionId,
		UUID teamId,
		UUID authorId,
		InteractionSnapshot interaction) implements InteractionEvent {

	public static final int SCHEMA_VERSION = 1;

	public InteractionLogged {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(interactionId, "interactionId");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(authorId, "authorId");
		Objects.requireNonNull(interaction, "interaction");
	}

	public static InteractionLogged of(UUID interactionId, UUID teamId, UUID authorId, InteractionSnapshot interaction,
									   Instant occurredAt) {
		return new InteractionLogged(UUID.randomUUID(), occurredAt, SCHEMA_VERSION, interactionId, teamId, authorId,
				interaction);
	}

	@Override
	public List<UUID> participantIds() {
		return interaction.participantIds();
	}
}
