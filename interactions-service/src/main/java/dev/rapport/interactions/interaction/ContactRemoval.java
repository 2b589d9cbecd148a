package dev.rapport.interactions.interaction;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.events.ContactDeleted;
import dev.rapport.events.ContactMerged;
import dev.rapport.platform.outbox.Outbox;

/**
 * A contact leaves the team's interactions, erased or merged into another. The contact feature publishes the
 * {@link ContactDeleted} or {@link ContactMerged} it consumed once the replica holds the contact's tombstone; these
 * listeners run in that consumer's transaction, with the tombstone's row locked, so no new interaction can name the
 * contact meanwhile.
 */
@Component
class ContactRemoval {

	private static final Logger log = LoggerFactory.getLogger(ContactRemoval.class);

	private final InteractionRepository interactions;

	private final InteractionEvents events;

	private final Clock clock;

	private final MeterRegistry meters;

	ContactRemoval(InteractionRepository interactions, Outbox outbox, Clock clock, MeterRegistry meters) {
		this.interactions = interactions;
		this.events = new InteractionEvents(outbox);
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * Erasure: the contact leaves each participant list (InteractionUpdated), and an interaction with nobody left is
	 * deleted (InteractionDeleted).
	 */
	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	public void erase(ContactDeleted deleted) {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		int removed = 0;
		int rewritten = 0;
		for (Interaction interaction : interactions.lockWithParticipant(deleted.teamId(), deleted.contactId())) {
			Interaction updated = interaction.withoutParticipant(deleted.contactId(), now);
			if (updated.participantIds().isEmpty()) {
				interactions.delete(interaction.teamId(), interaction.id());
				events.deleted(interaction, interaction.participantIds(), now);
				removed++;
			}
			else {
				if (!interactions.update(updated, interaction.version())) {
					throw new IllegalStateException("Interaction " + interaction.id() + " changed while locked");
				}
				events.updated(interaction, updated, now);
				rewritten++;
			}
		}
		meters.counter("rapport.interactions.changes", "change", "erased").increment(removed);
		meters.counter("rapport.interactions.changes", "change", "participant-erased").increment(rewritten);
		log.info("Contact {} erased from team {}: {} interactions deleted, {} updated", deleted.contactId(),
				deleted.teamId(), removed, rewritten);
	}

	/**
	 * A merge: in every interaction naming the merged-away contact the survivor takes its place (once, if both were
	 * there), each change an InteractionUpdated, so reminders-service recounts both relationships from them.
	 * Follow-ups are part of their interaction and move with it.
	 */
	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	public void merge(ContactMerged merged) {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		int moved = 0;
		for (Interaction interaction : interactions.lockWithParticipant(merged.teamId(), merged.contactId())) {
			Interaction updated = interaction.withParticipantMerged(merged.contactId(), merged.survivorId(), now);
			if (!interactions.update(updated, interaction.version())) {
				throw new IllegalStateException("Interaction " + interaction.id() + " changed while locked");
			}
			events.updated(interaction, updated, now);
			moved++;
		}
		meters.counter("rapport.interactions.changes", "change", "merged").increment(moved);
		log.info("Contact {} merged into {} (team {}): {} interactions moved", merged.contactId(), merged.survivorId(),
				merged.teamId(), moved);
	}

}
