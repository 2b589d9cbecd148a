package dev.rapport.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The user acted on a reminder, so it is done. */
public record ReminderCompleted(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID reminderId,
		UUID teamId,
		UUID userId,
		UUID contactId,
		ReminderKind kind) implements ReminderEvent {

	public static final int SCHEMA_VERSION = 1;

	public ReminderCompleted {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(reminderId, "reminderId");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(userId, "userId");
		Objects.requireNonNull(contactId, "contactId");
		Objects.requireNonNull(kind, "kind");
	}

	public static ReminderCompleted of(UUID reminderId, UUID teamId, UUID userId, UUID contactId, ReminderKind kind,
									   Instant occurredAt) {
		return new ReminderCompleted(UUID.randomUUID(), occurredAt, SCHEMA_VERSION, reminderId, teamId, userId,
				contactId, kind);
	}
}
