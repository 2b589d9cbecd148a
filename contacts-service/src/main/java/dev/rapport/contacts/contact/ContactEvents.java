package dev.rapport.contacts.contact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.rapport.events.ContactArchived;
import dev.rapport.events.ContactCreated;
import dev.rapport.events.ContactDeleted;
import dev.rapport.events.ContactHandedOff;
import dev.rapport.events.ContactMerged;
import dev.rapport.events.ContactSnapshot;
import dev.rapport.events.ContactState;
import dev.rapport.events.ContactUnarchived;
import dev.rapport.events.ContactUpdated;
import dev.rapport.events.EventTypes;
import dev.rapport.events.RapportEvent;
import dev.rapport.events.Topics;
import dev.rapport.platform.outbox.Outbox;

/**
 * Turns contact changes into the published events, through the outbox (same transaction as the change): the change
 * on {@link Topics#CONTACTS}, and the contact's resulting state on the compacted {@link Topics#CONTACTS_STATE}, or a
 * tombstone there when she is erased.
 */
class ContactEvents {

	private final Outbox outbox;

	ContactEvents(Outbox outbox) {
		this.outbox = outbox;
	}

	void created(Contact contact, Instant now) {
		ContactSnapshot snapshot = snapshot(contact);
		outbox.publish(ContactCreated.of(contact.id(), contact.teamId(), contact.ownerId(), snapshot, now));
		state(contact, snapshot, now);
	}

	/** As {@link #created} for each, written together: each ContactCreated, then its ContactState. */
	void createdAll(List<Contact> contacts, Instant now) {
		List<RapportEvent> all = new ArrayList<>(contacts.size() * 2);
		for (Contact contact : contacts) {
			ContactSnapshot snapshot = snapshot(contact);
			all.add(ContactCreated.of(contact.id(), contact.teamId(), contact.ownerId(), snapshot, now));
			all.add(ContactState.of(contact.id(), contact.teamId(), contact.ownerId(), snapshot, now));
		}
		outbox.publishAll(all);
	}

	void updated(Contact before, Contact after, Instant now) {
		ContactSnapshot snapshot = snapshot(after);
		outbox.publish(ContactUpdated.of(after.id(), after.teamId(), after.ownerId(), snapshot,
				ContactSnapshot.changedFields(snapshot(before), snapshot), now));
		state(after, snapshot, now);
	}

	void archived(Contact contact, Instant now) {
		outbox.publish(ContactArchived.of(contact.id(), contact.teamId(), contact.ownerId(), now));
		state(contact, snapshot(contact), now);
	}

	void unarchived(Contact contact, Instant now) {
		outbox.publish(ContactUnarchived.of(contact.id(), contact.teamId(), contact.ownerId(), now));
		state(contact, snapshot(contact), now);
	}

	/** Erasure: the signal on the change topic, and a tombstone so compaction removes her from the state topic. */
	void deleted(Contact contact, Instant now) {
		outbox.publish(ContactDeleted.of(contact.id(), contact.teamId(), contact.ownerId(), now));
		outbox.publishTombstone(Topics.CONTACTS_STATE, contact.id().toString(), EventTypes.nameOf(ContactState.class));
	}

	/**
	 * {@code merged} lives on as {@code survivor} (whose own update says how it changed): the signal on the change
	 * topic, and a tombstone for the merged one on the state topic, as for an erasure.
	 */
	void merged(Contact merged, Contact survivor, Instant now) {
		outbox.publish(ContactMerged.of(merged.id(), survivor.id(), merged.teamId(), merged.ownerId(), now));
		outbox.publishTombstone(Topics.CONTACTS_STATE, merged.id().toString(), EventTypes.nameOf(ContactState.class));
	}

	/**
	 * A handoff: for each contact (as it is now, the new owner's), the ContactHandedOff on the change topic and the
	 * state with its new owner, written together.
	 */
	void handedOff(List<Contact> contacts, UUID fromMemberId, UUID handoffId, UUID byMemberId, Instant now) {
		List<RapportEvent> all = new ArrayList<>(contacts.size() * 2);
		for (Contact contact : contacts) {
			all.add(ContactHandedOff.of(contact.id(), contact.teamId(), fromMemberId, contact.ownerId(), handoffId,
					byMemberId, now));
			all.add(ContactState.of(contact.id(), contact.teamId(), contact.ownerId(), snapshot(contact), now));
		}
		outbox.publishAll(all);
	}

	private void state(Contact contact, ContactSnapshot snapshot, Instant now) {
		outbox.publish(ContactState.of(contact.id(), contact.teamId(), contact.ownerId(), snapshot, now));
	}

	static ContactSnapshot snapshot(Contact c) {
		return new ContactSnapshot(c.displayName(), c.givenName(), c.familyName(),
				c.emails().stream().map(e -> new ContactSnapshot.Email(e.address(), e.label())).toList(),
				c.phones().stream().map(p -> new ContactSnapshot.Phone(p.number(), p.label())).toList(), c.company(),
				c.title(), c.location(),
				c.howWeMet() == null ? null
						: new ContactSnapshot.HowWeMet(c.howWeMet().place(), c.howWeMet().date(),
								c.howWeMet().introducedBy(), c.howWeMet().note()),
				c.tags(), c.interests(), c.context(),
				c.importantDates()
					.stream()
					.map(d -> new ContactSnapshot.ImportantDate(d.kind(), d.label(), d.month(), d.day(), d.year()))
					.toList(),
				c.cadence() == null ? null : new ContactSnapshot.Cadence(c.cadence().tier(), c.cadence().days()),
				c.visibility(), c.archived(), c.version(), c.createdAt(), c.updatedAt());
	}

}
