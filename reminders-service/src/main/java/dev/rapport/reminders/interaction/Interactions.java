package dev.rapport.reminders.interaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.events.InteractionSnapshot.FollowUp;

/**
 * The local copy of interactions as the other features use it: the relationship recounts a contact's history from
 * it, the agenda takes a nudge's talking points from it. Runs inside the caller's transaction.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class Interactions {

	private final InteractionRepository interactions;

	public Interactions(InteractionRepository interactions) {
		this.interactions = interactions;
	}

	/** The stored interaction, locked until the transaction ends. */
	public Optional<StoredInteraction> lock(UUID id) {
		return interactions.lock(id);
	}

	/** Keeps this version of the interaction; false when an older one than the stored version (nothing changed). */
	public boolean store(StoredInteraction interaction) {
		return interactions.upsert(interaction);
	}

	public void delete(UUID id) {
		interactions.delete(id);
	}

	/**
	 * Marks one follow-up of a stored interaction completed at {@code completedAt} (null: reopened). Empty when the
	 * interaction is gone (deleted, or its participants erased) or a later edit already removed the follow-up.
	 */
	public Optional<StoredInteraction> markFollowUp(UUID interactionId, UUID followUpId, Instant completedAt) {
		Optional<StoredInteraction> found = interactions.lock(interactionId);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		StoredInteraction stored = found.get();
		if (stored.followUps().stream().noneMatch(f -> f.id().equals(followUpId))) {
			return Optional.empty();
		}
		List<FollowUp> followUps = new ArrayList<>();
		for (FollowUp f : stored.followUps()) {
			followUps.add(f.id().equals(followUpId) ? new FollowUp(f.id(), f.text(), f.dueOn(), f.owedBy(), completedAt) : f);
		}
		interactions.saveFollowUps(stored.id(), followUps);
		return Optional.of(new StoredInteraction(stored.id(), stored.teamId(), stored.authorId(), stored.participantIds(),
				stored.happenedAt(), stored.timeZone(), stored.summary(), stored.questions(), followUps, stored.version()));
	}

	/** When the contact's interactions happened, newest first (at most {@code limit}). */
	public List<Instant> happenedAt(UUID contactId, int limit) {
		return interactions.happenedAt(contactId, limit);
	}

	public int count(UUID contactId) {
		return interactions.count(contactId);
	}

	/** The contact's most recent interactions, newest first. */
	public List<StoredInteraction> recent(UUID contactId, int limit) {
		return interactions.recent(contactId, limit);
	}

	/** Interactions with the contact that still have an open follow-up. */
	public List<StoredInteraction> withOpenFollowUps(UUID contactId, int limit) {
		return interactions.withOpenFollowUps(contactId, limit);
	}

	/** A merge: {@code survivorId} takes {@code contactId}'s place in every interaction (once, if both were there). */
	public void mergeParticipant(UUID contactId, UUID survivorId) {
		interactions.mergeParticipant(contactId, survivorId);
	}

	/** Erasure: the contact leaves every interaction; an interaction left with no participant goes entirely. */
	public void eraseParticipant(UUID contactId) {
		interactions.eraseParticipant(contactId);
	}

}
