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

import dev.rapport.events.ContactMerged;
import dev.rapport.platform.outbox.Outbox;

/**
 * Moves a merged-away contact's conversations to the contact it was merged into: in every interaction of the team
 * that names it, the survivor takes its place (once, if both were there), and each change is published as an
 * InteractionUpdated, so reminders-service recounts both relationships from them. Follow-ups are part of their
 * interaction and move with it. Runs in the consumer's transaction once the replica holds the merged contact's
 * tombstone (its row locked), as {@link ContactErasure} does: no new interaction can name it meanwhile.
 */
@Component
class ContactMerge {

	private static final Logger log = LoggerFactory.getLogger(ContactMerge.class);

	private final InteractionRepository interactions;

	private final InteractionEvents events;

	private final Clock clock;

	private final MeterRegistry meters;

	ContactMerge(InteractionRepository interactions, Outbox outbox, Clock clock, MeterRegistry meters) {
		this.interactions = interactions;
		this.events = new InteractionEvents(outbox);
		this.clock = clock;
		this.meters = meters;
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	public void move(ContactMerged merged) {
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
