package dev.rapport.analytics.fact;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One fact's share in one aggregate: a row of the contributions table, keyed by where it came from (an interaction,
 * one of its follow-ups or participants, a contact's cooling episode). An updated fact replaces its rows and a deleted
 * one removes them, so the aggregates above subtract exactly what they once added.
 *
 * @param kind what the row counts
 * @param teamId the team it counts for
 * @param memberId the teammate it counts for: the author of a conversation or follow-up, the owner of a relationship
 * @param weekStart the Monday (UTC) of the ISO week it counts in; null for a {@link Kind#TOUCH}
 * @param contactIds the people a {@link Kind#CONVERSATION} reached
 * @param dueOn a {@link Kind#FOLLOW_UP}'s due date
 * @param outcome a {@link Kind#FOLLOW_UP}'s outcome so far
 * @param recovered whether an {@link Kind#ENTERED_COOLING} episode has since rewarmed
 * @param coolingMillis how long a {@link Kind#REWARMED} relationship was cooling
 * @param contactId the contact a {@link Kind#TOUCH} talked to
 * @param happenedAt when a {@link Kind#TOUCH} talked to her
 */
public record Contribution(Kind kind, UUID teamId, UUID memberId, LocalDate weekStart, List<UUID> contactIds,
		LocalDate dueOn, Outcome outcome, boolean recovered, Long coolingMillis, UUID contactId, Instant happenedAt) {

	/** What a row counts. */
	public enum Kind {
		/** A conversation logged, and the people it reached, in the week it happened. */
		CONVERSATION,
		/** A follow-up the author owes, with a due date, in the week it is due. */
		FOLLOW_UP,
		/** A relationship entering cooling (or cold) from warm or due, in the week it did. */
		ENTERED_COOLING,
		/** A relationship back to warm from cooling or cold, in the week it did. */
		REWARMED,
		/** A teammate talking to a contact: what coverage is made of. */
		TOUCH
	}

	/** Where a follow-up stands: completed on or before its due date (in the interaction's time zone), after, or not. */
	public enum Outcome {
		ON_TIME, LATE, OPEN
	}

	public Contribution {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(memberId, "memberId");
		contactIds = contactIds == null ? List.of() : List.copyOf(contactIds);
	}

	public static Contribution conversation(UUID teamId, UUID authorId, Instant happenedAt, List<UUID> contactIds) {
		return new Contribution(Kind.CONVERSATION, teamId, authorId, weekOf(happenedAt), contactIds, null, null, false,
				null, null, null);
	}

	public static Contribution followUp(UUID teamId, UUID authorId, LocalDate dueOn, Outcome outcome) {
		return new Contribution(Kind.FOLLOW_UP, teamId, authorId, weekOf(dueOn), null, dueOn, outcome, false, null,
				null, null);
	}

	public static Contribution enteredCooling(UUID teamId, UUID ownerId, Instant at, boolean recovered) {
		return new Contribution(Kind.ENTERED_COOLING, teamId, ownerId, weekOf(at), null, null, null, recovered, null,
				null, null);
	}

	public static Contribution rewarmed(UUID teamId, UUID ownerId, Instant at, long coolingMillis) {
		return new Contribution(Kind.REWARMED, teamId, ownerId, weekOf(at), null, null, null, false, coolingMillis,
				null, null);
	}

	public static Contribution touch(UUID teamId, UUID memberId, UUID contactId, Instant happenedAt) {
		return new Contribution(Kind.TOUCH, teamId, memberId, null, null, null, null, false, null, contactId,
				happenedAt);
	}

	/** The Monday starting the ISO week (UTC) that {@code instant} falls in. */
	public static LocalDate weekOf(Instant instant) {
		return weekOf(instant.atOffset(ZoneOffset.UTC).toLocalDate());
	}

	/** The Monday starting the ISO week that {@code date} falls in. */
	public static LocalDate weekOf(LocalDate date) {
		return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
	}

}
