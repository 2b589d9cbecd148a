package dev.rapport.reminders.intake;

import java.util.ArrayList;
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
import dev.rapport.events.InteractionSnapshot.FollowUp;
import dev.rapport.events.InteractionUpdated;
import dev.rapport.events.RapportEvent;
import dev.rapport.reminders.interaction.InteractionRepository;
import dev.rapport.reminders.interaction.StoredInteraction;
import dev.rapport.reminders.relationship.RelationshipRepository;
import dev.rapport.reminders.relationship.RelationshipService;
import dev.rapport.reminders.reminder.Reminders;

/**
 * Interaction events in: keeps the local copy of interactions, then lets each participant's relationship recount
 * (participants are locked in id order, so two events naming the same contacts never deadlock).
 */
@Component
public class InteractionEventHandler {

	private final InteractionRepository interactions;

	private final RelationshipService relationships;

	private final RelationshipRepository relationshipRows;

	private final Reminders reminders;

	private final java.time.Clock clock;

	public InteractionEventHandler(InteractionRepository interactions, RelationshipService relationships,
			RelationshipRepository relationshipRows, Reminders reminders, java.time.Clock clock) {
		this.interactions = interactions;
		this.relationships = relationships;
		this.relationshipRows = relationshipRows;
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
		List<UUID> participants = snapshot.participantIds().stream().filter(id -> !relationshipRows.erased(id)).toList();
		if (participants.isEmpty()) {
			return;
		}
		StoredInteraction stored = new StoredInteraction(event.interactionId(), event.teamId(), event.authorId(),
				participants, snapshot.happenedAt(), snapshot.timeZone(), snapshot.summary(), snapshot.questions(),
				snapshot.followUps(), snapshot.version());
		if (!interactions.upsert(stored)) {
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
		Optional<StoredInteraction> found = interactions.lock(event.interactionId());
		if (found.isEmpty()) {
			return; // deleted since, or a participant erased: nothing to remind of
		}
		StoredInteraction stored = found.get();
		if (stored.followUps().stream().noneMatch(f -> f.id().equals(followUpId))) {
			return; // removed by a later edit this service already applied
		}
		List<FollowUp> followUps = new ArrayList<>();
		for (FollowUp f : stored.followUps()) {
			followUps.add(f.id().equals(followUpId)
					? new FollowUp(f.id(), f.text(), f.dueOn(), f.owedBy(), completed ? event.occurredAt() : null) : f);
		}
		interactions.saveFollowUps(stored.id(), followUps);
		syncFollowUps(new StoredInteraction(stored.id(), stored.teamId(), stored.authorId(), stored.participantIds(),
				stored.happenedAt(), stored.timeZone(), stored.summary(), stored.questions(), followUps, stored.version()));
	}

	private void syncFollowUps(StoredInteraction interaction) {
		UUID contactId = interaction.participantIds().getFirst();
		String name = relationshipRows.find(interaction.teamId(), contactId)
			.map(r -> r.displayName())
			.orElse("your contact");
		reminders.syncFollowUps(interaction, contactId, name, clock.instant());
	}

}
