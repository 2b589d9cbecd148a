package dev.rapport.interactions.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.rapport.events.InteractionSnapshot.FollowUp.Owner;
import dev.rapport.events.InteractionSnapshot.Type;

/**
 * One follow-up in the caller's ledger, with enough of its interaction to say what it was about. {@code overdue}:
 * open and due before the caller's today.
 */
public record LedgerEntry(UUID interactionId, UUID followUpId, String text, LocalDate dueOn, Owner owedBy,
		Instant completedAt, boolean overdue, List<UUID> participantIds, Type interactionType, Instant happenedAt,
		String summary) {

	public LedgerEntry {
		participantIds = List.copyOf(participantIds);
	}

}
