package dev.rapport.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** A reminder fell due: the user should now be nudged about the contact. */
public record ReminderDue(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID reminderId,
		UUID teamId,
		UUID userId,
		UUID contactId,
		ReminderKind kind,
		LocalDate dueOn) implements ReminderEvent {

	public static final int SCHEMA_VERSION = 1;

	public ReminderDue {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(reminderId, "reminderId");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(userId, "userId");
		Objects.requireNonNull(contactId, "contactId");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(dueOn, "dueOn");
	}

	public static ReminderDue of(UUID reminderId, UUID teamId, UUID userId, UUID contactId, ReminderKind kind,
								 LocalDate dueOn, Instant occurredAt) {
		return new ReminderDue(UUID.randomUUID(), occurredAt, SCHEMA_VERSION, reminderId, teamId, userId, contactId,
				kind, dueOn);
	}
}
