package dev.rapport.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A contact was archived: hidden from lists and reminders, but kept and restorable. */
public record ContactArchived(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID contactId,
		UUID teamId,
		UUID ownerId) implements ContactEvent {

	public static final int SCHEMA_VERSION = 1;

	public ContactArchived {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(contactId, "contactId");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(ownerId, "ownerId");
	}

	public static ContactArchived of(UUID contactId, UUID teamId, UUID ownerId, Instant occurredAt) {
		return new ContactArchived(UUID.randomUUID(), occurredAt, SCHEMA_VERSION, contactId, teamId, ownerId);
	}
}
