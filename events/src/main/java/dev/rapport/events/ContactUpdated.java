package dev.rapport.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A contact's details changed; carries the full new state plus which top-level fields changed, so consumers
 * interested in one field (say {@code cadence}) can skip the rest.
 */
public record ContactUpdated(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID contactId,
		UUID teamId,
		UUID ownerId,
		ContactSnapshot contact,
		List<String> changedFields) implements ContactEvent {

	public static final int SCHEMA_VERSION = 1;

	public ContactUpdated {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(contactId, "contactId");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(ownerId, "ownerId");
		Objects.requireNonNull(contact, "contact");
		changedFields = changedFields == null ? List.of() : List.copyOf(changedFields);
	}

	public static ContactUpdated of(UUID contactId, UUID teamId, UUID ownerId, ContactSnapshot contact,
									List<String> changedFields, Instant occurredAt) {
		return new ContactUpdated(UUID.randomUUID(), occurredAt, SCHEMA_VERSION, contactId, teamId, ownerId,
				contact, changedFields);
	}

	/** Builds the event from the states before and after, so producers never hand-maintain the field list. */
	public static ContactUpdated of(UUID contactId, UUID teamId, UUID ownerId, ContactSnapshot before,
									ContactSnapshot after, Instant occurredAt) {
		return of(contactId, teamId, ownerId, after, ContactSnapshot.changedFields(before, after), occurredAt);
	}
}
