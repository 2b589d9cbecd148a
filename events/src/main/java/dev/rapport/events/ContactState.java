package dev.rapport.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A contact's latest state, on the compacted {@link Topics#CONTACTS_STATE}: published after every change of the
 * contact, so the log keeps the newest per contact and a consumer reading from offset zero rebuilds every contact
 * without calling a service. Keyed by contact id (the compaction key). An erased contact's key gets a tombstone (a record with a null value) instead.
 */
public record ContactState(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID contactId,
		UUID teamId,
		UUID ownerId,
		ContactSnapshot contact) implements ContactEvent {

	public static final int SCHEMA_VERSION = 1;

	public ContactState {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(contactId, "contactId");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(ownerId, "ownerId");
		Objects.requireNonNull(contact, "contact");
	}

	public static ContactState of(UUID contactId, UUID teamId, UUID ownerId, ContactSnapshot contact,
			Instant occurredAt) {
		return new ContactState(UUID.randomUUID(), occurredAt, SCHEMA_VERSION, contactId, teamId, ownerId, contact);
	}
}
