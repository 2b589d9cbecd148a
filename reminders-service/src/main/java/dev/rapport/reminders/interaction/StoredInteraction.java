package dev.rapport.reminders.interaction;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.rapport.events.InteractionSnapshot.FollowUp;

/** This service's copy of an interaction: when, with whom, its summary, questions to ask next time and follow-ups. */
public record StoredInteraction(UUID id, UUID teamId, UUID authorId, List<UUID> participantIds, Instant happenedAt,
		String timeZone, String summary, List<String> questions, List<FollowUp> followUps, long version) {
}
