package dev.rapport.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A contact was deleted. An erasure signal: every consumer must erase all it holds about this contact. */
public record ContactDeleted(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID contactId,
		UUID teamId,
		UUID ownerId) implements ContactEvent {

	public static final int SCHEMA_VERSION = 1;

	public ContactDeleted {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(contactId, "contactId");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(ownerId, "ownerId");
	}

	public static ContactDeleted of(UUID contactId, UUID teamId, UUID ownerId, Instant occurredAt) {
		return new ContactDeleted(UUID.randomUUID(), occurredAt, SCHEMA_VERSION, contactId, teamId, ownerId);
	}
}
