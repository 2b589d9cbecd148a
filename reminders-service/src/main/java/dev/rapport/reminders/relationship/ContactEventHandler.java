package dev.rapport.reminders.relationship;

import org.springframework.stereotype.Component;

import dev.rapport.events.ContactArchived;
import dev.rapport.events.ContactCreated;
import dev.rapport.events.ContactDeleted;
import dev.rapport.events.ContactHandedOff;
import dev.rapport.events.ContactMerged;
import dev.rapport.events.ContactUnarchived;
import dev.rapport.events.ContactUpdated;
import dev.rapport.events.RapportEvent;

/** Contact events in: who the contact is, their cadence and dates, archive state, erasure, merges, handoffs. */
@Component
public class ContactEventHandler {

	private final RelationshipService relationships;

	public ContactEventHandler(RelationshipService relationships) {
		this.relationships = relationships;
	}

	public void handle(RapportEvent event) {
		switch (event) {
			case ContactCreated e -> relationships.applyContact(e.contactId(), e.teamId(), e.ownerId(), e.contact());
			case ContactUpdated e -> relationships.applyContact(e.contactId(), e.teamId(), e.ownerId(), e.contact());
			case ContactArchived e -> relationships.archive(e.contactId(), true);
			case ContactUnarchived e -> relationships.archive(e.contactId(), false);
			case ContactDeleted e -> relationships.erase(e.contactId());
			case ContactMerged e -> relationships.merge(e.contactId(), e.survivorId(), e.teamId());
			case ContactHandedOff e ->
				relationships.handOver(e.contactId(), e.teamId(), e.fromMemberId(), e.toMemberId());
			default -> {
				// Other events on the topic are not about reminders.
			}
		}
	}

}
