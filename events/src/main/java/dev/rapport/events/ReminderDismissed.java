package dev.rapport.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The user dismissed a reminder without acting on it. */
public record ReminderDismissed(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID reminderId,
		UUID teamId,
		UUID userId,
		UUID contactId,
		ReminderKind kind) implements ReminderEvent {

	public static final int SCHEMA_VERSION = 1;

	public ReminderDismissed {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(reminderId, "reminderId");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(userId, "userId");
		Objects.requireNonNull(contactId, "contactId");
		Objects.requireNonNull(kind, "kind");
	}

	public static ReminderDismissed of(UUID reminderId, UUID teamId, UUID userId, UUID contactId, ReminderKind kind,
									   Instant occurredAt) {
		return new ReminderDismissed(UUID.randomUUID(), occurredAt, SCHEMA_VERSION, reminderId, teamId, userId,
				contactId, kind);
	}
}
