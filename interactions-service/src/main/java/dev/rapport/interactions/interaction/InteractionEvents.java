package dev.rapport.interactions.interaction;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.rapport.events.ConversationFact;
import dev.rapport.events.EventTypes;
import dev.rapport.events.FollowUpCompleted;
import dev.rapport.events.FollowUpReopened;
import dev.rapport.events.InteractionDeleted;
import dev.rapport.events.InteractionLogged;
import dev.rapport.events.InteractionState;
import dev.rapport.events.InteractionUpdated;
import dev.rapport.events.Topics;
import dev.rapport.platform.outbox.Outbox;

/**
 * Turns interaction changes into the published events, through the outbox (same transaction as the change): the change
 * on {@link Topics#INTERACTIONS}, and the interaction's resulting state on the compacted
 * {@link Topics#INTERACTIONS_STATE} and its text-free {@link ConversationFact} on the analytics tier's
 * {@link Topics#ANALYTICS_CONVERSATIONS}, or a tombstone on both when it is deleted.
 */
class InteractionEvents {

	private final Outbox outbox;

	InteractionEvents(Outbox outbox) {
		this.outbox = outbox;
	}

	void logged(Interaction interaction, Instant now) {
		outbox.publish(InteractionLogged.of(interaction.id(), interaction.teamId(),
				interaction.authorId(), interaction.snapshot(), now));
		state(interaction, now);
	}

	void updated(Interaction before, Interaction after, Instant now) {
		outbox.publish(InteractionUpdated.of(after.id(), after.teamId(), after.authorId(),
				before.snapshot(), after.snapshot(), now));
		state(after, now);
	}

	/**
	 * Deleted by its author, or erased with its last participant: tombstones remove it from the state topic and the
	 * analytics tier.
	 */
	void deleted(Interaction interaction, List<UUID> participantIds, Instant now) {
		outbox.publish(InteractionDeleted.of(interaction.id(), interaction.teamId(),
				interaction.authorId(), participantIds, now));
		outbox.publishTombstone(Topics.INTERACTIONS_STATE, interaction.id().toString(),
				EventTypes.nameOf(InteractionState.class));
		outbox.publishTombstone(Topics.ANALYTICS_CONVERSATIONS, interaction.id().toString(),
				EventTypes.nameOf(ConversationFact.class));
	}

	void followUpCompleted(Interaction interaction, UUID followUpId, Instant now) {
		outbox.publish(FollowUpCompleted.of(interaction.id(), interaction.teamId(),
				interaction.authorId(), followUpId, interaction.participantIds(), now));
		state(interaction, now);
	}

	void followUpReopened(Interaction interaction, UUID followUpId, Instant now) {
		outbox.publish(FollowUpReopened.of(interaction.id(), interaction.teamId(),
				interaction.authorId(), followUpId, interaction.participantIds(), now));
		state(interaction, now);
	}

	/** The interaction as it now is: its state, and the same without any text for analytics. */
	private void state(Interaction interaction, Instant now) {
		outbox.publish(InteractionState.of(interaction.id(), interaction.teamId(), interaction.authorId(),
				interaction.snapshot(), now));
		outbox.publish(ConversationFact.of(interaction.id(), interaction.teamId(), interaction.authorId(),
				interaction.snapshot(), now));
	}

}
