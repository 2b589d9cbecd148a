package dev.rapport.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A contact was added; carries its full state so consumers never need to call back. */
public record ContactCreated(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID contactId,
		UUID teamId,
		UUID ownerId,
		ContactSnapshot contact) implements ContactEvent {

	public static final int SCHEMA_VERSION = 1;

	public ContactCreated {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(contactId, "contactId");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(ownerId, "ownerId");
		Objects.requireNonNull(contact, "contact");
	}

	public static ContactCreated of(UUID contactId, UUID teamId, UUID ownerId, ContactSnapshot contact, Instant occurredAt) {
		return new ContactCreated(UUID.randomUUID(), occurredAt, SCHEMA_VERSION, contactId, teamId, ownerId, contact);
	}
}
