package dev.rapport.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** The user put a reminder off; it falls due again on {@code until}. */
public record ReminderSnoozed(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID reminderId,
		UUID teamId,
		UUID userId,
		UUID contactId,
		ReminderKind kind,
		LocalDate until) implements ReminderEvent {

	public static final int SCHEMA_VERSION = 1;

	public ReminderSnoozed {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(reminderId, "reminderId");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(userId, "userId");
		Objects.requireNonNull(contactId, "contactId");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(until, "until");
	}

	public static ReminderSnoozed of(UUID reminderId, UUID teamId, UUID userId, UUID contactId, ReminderKind kind,
									 LocalDate until, Instant occurredAt) {
		return new ReminderSnoozed(UUID.randomUUID(), occurredAt, SCHEMA_VERSION, reminderId, teamId, userId, contactId,
				kind, until);
	}
}
