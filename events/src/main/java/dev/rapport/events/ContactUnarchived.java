package dev.rapport.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An archived contact was restored to active. */
public record ContactUnarchived(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID contactId,
		UUID teamId,
		UUID ownerId) implements ContactEvent {

	public static final int SCHEMA_VERSION = 1;

	public ContactUnarchived {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(contactId, "contactId");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(ownerId, "ownerId");
	}

	public static ContactUnarchived of(UUID contactId, UUID teamId, UUID ownerId, Instant occurredAt) {
		return new ContactUnarchived(UUID.randomUUID(), occurredAt, SCHEMA_VERSION, contactId, teamId, ownerId);
	}
}
