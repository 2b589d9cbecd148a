package dev.rapport.interactions.interaction;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.events.ContactDeleted;
import dev.rapport.platform.outbox.Outbox;

/**
 * Erases a deleted contact from every interaction of its team: it leaves each participant list (InteractionUpdated),
 * and an interaction with nobody left is deleted (InteractionDeleted). The contact feature publishes the
 * {@link ContactDeleted} it consumed once the replica holds the tombstone; this listener runs in that consumer's
 * transaction, with the tombstone's row locked, so no new interaction can name the contact meanwhile.
 */
@Component
class ContactErasure {

	private static final Logger log = LoggerFactory.getLogger(ContactErasure.class);

	private final InteractionRepository interactions;

	private final InteractionEvents events;

	private final Clock clock;

	private final MeterRegistry meters;

	ContactErasure(InteractionRepository interactions, Outbox outbox, Clock clock, MeterRegistry meters) {
		this.interactions = interactions;
		this.events = new InteractionEvents(outbox);
		this.clock = clock;
		this.meters = meters;
	}

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

}
