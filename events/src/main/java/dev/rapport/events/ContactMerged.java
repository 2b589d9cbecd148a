package dev.rapport.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A contact was merged into another one of her team (a duplicate): {@code contactId} no longer exists as a contact,
 * {@code survivorId} carries her fields (its own ContactUpdated says how). Consumers move what they hold about
 * {@code contactId} (interactions, follow-ups, relationship history) to {@code survivorId}. Keyed by the merged-away
 * contact, so it follows her last event.
 */
public record ContactMerged(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID contactId,
		UUID survivorId,
		UUID teamId,
		UUID ownerId) implements ContactEvent {

	public static final int SCHEMA_VERSION = 1;

	public ContactMerged {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(contactId, "contactId");
		Objects.requireNonNull(survivorId, "survivorId");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(ownerId, "ownerId");
		if (contactId.equals(survivorId)) {
			throw new IllegalArgumentException("A contact cannot be merged into itself");
		}
	}

	public static ContactMerged of(UUID contactId, UUID survivorId, UUID teamId, UUID ownerId, Instant occurredAt) {
		return new ContactMerged(UUID.randomUUID(), occurredAt, SCHEMA_VERSION, contactId, survivorId, teamId, ownerId);
	}
}
