package dev.rapport.reminders.relationship;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.rapport.events.FollowUpCompleted;
import dev.rapport.events.FollowUpReopened;
import dev.rapport.events.InteractionDeleted;
import dev.rapport.events.InteractionEvent;
import dev.rapport.events.InteractionLogged;
import dev.rapport.events.InteractionSnapshot;
import dev.rapport.events.InteractionUpdated;
import dev.rapport.events.RapportEvent;
import dev.rapport.reminders.interaction.Interactions;
import dev.rapport.reminders.interaction.StoredInteraction;
import dev.rapport.reminders.reminder.Reminders;

/**
 * Interaction events in: keeps the local copy of interactions, then lets each participant's relationship recount
 * (participants are locked in id order, so two events naming the same contacts never deadlock).
 */
@Component
public class InteractionEventHandler {

	private final Interactions interactions;

	private final RelationshipService relationships;

	private final Reminders reminders;

	private final Clock clock;

	public InteractionEventHandler(Interactions interactions, RelationshipService relationships, Reminders reminders,
			Clock clock) {
		this.interactions = interactions;
		this.relationships = relationships;
		this.reminders = reminders;
		this.clock = clock;
	}

	public void handle(RapportEvent event) {
		switch (event) {
			case InteractionLogged e -> upsert(e, e.interaction());
			case InteractionUpdated e -> upsert(e, e.interaction());
			case InteractionDeleted e -> delete(e);
			case FollowUpCompleted e -> followUp(e, e.followUpId(), true);
			case FollowUpReopened e -> followUp(e, e.followUpId(), false);
			default -> {
				// Not about relationships.
			}
		}
	}

	private void upsert(InteractionEvent event, InteractionSnapshot snapshot) {
		Optional<StoredInteraction> before = interactions.lock(event.interactionId());
		List<UUID> participants = snapshot.participantIds().stream().filter(id -> !relationships.erased(id)).toList();
		if (participants.isEmpty()) {
			return;
		}
		StoredInteraction stored = new StoredInteraction(event.interactionId(), event.teamId(), event.authorId(),
				participants, snapshot.happenedAt(), snapshot.timeZone(), snapshot.summary(), snapshot.questions(),
				snapshot.followUps(), snapshot.version());
		if (!interactions.store(stored)) {
			return; // an older version than the one already applied
		}
		TreeSet<UUID> affected = new TreeSet<>(participants);
		before.ifPresent(old -> affected.addAll(old.participantIds()));
		for (UUID contactId : affected) {
			relationships.interactionsChanged(contactId, event.teamId(), event.interactionId());
		}
		syncFollowUps(stored);
	}

	private void delete(InteractionDeleted event) {
		Optional<StoredInteraction> before = interactions.lock(event.interactionId());
		interactions.delete(event.interactionId());
		reminders.dropFollowUps(event.interactionId());
		TreeSet<UUID> affected = new TreeSet<>(event.participantIds());
		before.ifPresent(old -> affected.addAll(old.participantIds()));
		for (UUID contactId : affected) {
			relationships.interactionsChanged(contactId, event.teamId(), null);
		}
	}

	private void followUp(InteractionEvent event, UUID followUpId, boolean completed) {
		// Empty when deleted since, a participant erased, or the follow-up removed by a later edit: nothing to remind of.
		interactions.markFollowUp(event.interactionId(), followUpId, completed ? event.occurredAt() : null)
			.ifPresent(this::syncFollowUps);
	}

	private void syncFollowUps(StoredInteraction interaction) {
		UUID contactId = interaction.participantIds().getFirst();
		String name = relationships.find(interaction.teamId(), contactId)
			.map(r -> r.contact().displayName())
			.orElse("your contact");
		reminders.syncFollowUps(interaction, contactId, name, clock.instant());
	}

}
