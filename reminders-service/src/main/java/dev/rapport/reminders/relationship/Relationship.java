package dev.rapport.reminders.relationship;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.rapport.events.ContactSnapshot.ImportantDate;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.events.RelationshipState;
import dev.rapport.reminders.relationship.CadenceRule.CadenceSource;

/**
 * What this service knows about one contact's relationship with the team. {@code known} is false for a placeholder
 * made by an interaction that arrived before the contact's ContactCreated: it collects interactions and nothing else.
 */
public record Relationship(UUID contactId, UUID teamId, UUID ownerId, boolean known, String displayName,
		Visibility visibility, boolean archived, long contactVersion, Instant contactCreatedAt, String cadenceTier,
		Integer cadenceDays, List<ImportantDate> importantDates, Instant lastInteractionAt, UUID lastInteractionId,
		int interactionCount, List<Double> recentGapsDays, Integer effectiveCadenceDays, CadenceSource cadenceSource,
		RelationshipState state, Instant stateChangedAt, Instant nextEvaluationAt, Instant updatedAt) {

	/** Where the clock runs from: the last interaction, or when the contact was added if there was none. */
	public Instant anchor() {
		return lastInteractionAt != null ? lastInteractionAt : contactCreatedAt;
	}

	public boolean visibleTo(UUID userId) {
		return visibility == Visibility.TEAM || userId.equals(ownerId);
	}

}
