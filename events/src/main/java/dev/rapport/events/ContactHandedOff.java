package dev.rapport.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A team admin handed a contact over from one member to another ({@code fromMemberId} to {@code toMemberId}, by
 * {@code byMemberId}): the relationship is the new owner's from now on, its history stays as it was (conversations
 * keep their authors). One event per contact of a handoff, all sharing {@code handoffId}. Keyed by the contact, so it
 * follows her earlier events; her {@link ContactState} beside it carries the new owner.
 */
public record ContactHandedOff(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID teamId,
		UUID contactId,
		UUID fromMemberId,
		UUID toMemberId,
		UUID handoffId,
		UUID byMemberId) implements ContactEvent {

	public static final int SCHEMA_VERSION = 1;

	public ContactHandedOff {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(contactId, "contactId");
		Objects.requireNonNull(fromMemberId, "fromMemberId");
		Objects.requireNonNull(toMemberId, "toMemberId");
		Objects.requireNonNull(handoffId, "handoffId");
		Objects.requireNonNull(byMemberId, "byMemberId");
		if (fromMemberId.equals(toMemberId)) {
			throw new IllegalArgumentException("A contact cannot be handed over to the member who owns it");
		}
	}

	public static ContactHandedOff of(UUID contactId, UUID teamId, UUID fromMemberId, UUID toMemberId, UUID handoffId,
			UUID byMemberId, Instant occurredAt) {
		return new ContactHandedOff(UUID.randomUUID(), occurredAt, SCHEMA_VERSION, teamId, contactId, fromMemberId,
				toMemberId, handoffId, byMemberId);
	}

	/** The owner once the event is applied: the member she was handed to (not a field of its own on the wire). */
	@Override
	@JsonIgnore
	public UUID ownerId() {
		return toMemberId;
	}
}
