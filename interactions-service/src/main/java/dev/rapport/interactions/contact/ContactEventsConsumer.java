package dev.rapport.interactions.contact;

import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import dev.rapport.events.ContactArchived;
import dev.rapport.events.ContactCreated;
import dev.rapport.events.ContactDeleted;
import dev.rapport.events.ContactHandedOff;
import dev.rapport.events.ContactMerged;
import dev.rapport.events.ContactUnarchived;
import dev.rapport.events.ContactUpdated;
import dev.rapport.events.RapportEvent;
import dev.rapport.platform.messaging.EventDispatcher;

/**
 * Keeps the contact replica from {@code rapport.contacts.v1} (binding {@code contactEvents-in-0}, group
 * {@code interactions-service}). Each event is applied once (the dispatcher records it in the same transaction) and
 * in any order: snapshots are versioned, and a deletion leaves a tombstone.
 * <p>
 * A deletion is an erasure: once the tombstone is written (and its row locked), the {@link ContactDeleted} is
 * published in this application too, and whatever holds data about the contact erases it in listeners that run in
 * this same transaction (the interactions that name it, in the interaction feature). A {@link ContactMerged} goes the
 * same way: the merged-away contact becomes a tombstone here, and the interaction feature moves its conversations to
 * the survivor. The replica does not know who they are, so the dependency goes one way: from the features that use
 * contacts to this one.
 */
@Configuration(proxyBeanMethods = false)
class ContactEventsConsumer {

	private static final Logger log = LoggerFactory.getLogger(ContactEventsConsumer.class);

	@Bean
	Consumer<Message<byte[]>> contactEvents(EventDispatcher dispatcher, ContactReplicaRepository replicas,
			ApplicationEventPublisher erasures, MeterRegistry meters) {
		return dispatcher.consumer("contactEvents", event -> apply(event, replicas, erasures, meters));
	}

	static void apply(RapportEvent event, ContactReplicaRepository replicas, ApplicationEventPublisher erasures,
			MeterRegistry meters) {
		boolean changed = switch (event) {
			case ContactCreated created ->
				replicas.applySnapshot(created.contactId(), created.teamId(), created.ownerId(), created.contact());
			case ContactUpdated updated ->
				replicas.applySnapshot(updated.contactId(), updated.teamId(), updated.ownerId(), updated.contact());
			case ContactArchived archived -> replicas.applyArchived(archived.contactId(), archived.teamId(),
					archived.ownerId(), true, archived.occurredAt());
			case ContactUnarchived unarchived -> replicas.applyArchived(unarchived.contactId(), unarchived.teamId(),
					unarchived.ownerId(), false, unarchived.occurredAt());
			case ContactDeleted deleted -> {
				boolean first = replicas.markDeleted(deleted.contactId(), deleted.teamId(), deleted.ownerId());
				erasures.publishEvent(deleted);
				yield first;
			}
			case ContactMerged merged -> {
				boolean first = replicas.markDeleted(merged.contactId(), merged.teamId(), merged.ownerId());
				erasures.publishEvent(merged);
				yield first;
			}
			// The owner decides who may see a private contact; the conversations keep their authors.
			case ContactHandedOff handedOff ->
				replicas.applyOwner(handedOff.contactId(), handedOff.teamId(), handedOff.toMemberId());
			default -> false; // another producer's event on this topic: nothing for us
		};
		meters.counter("rapport.interactions.contact-replica", "event", event.type(), "outcome",
				changed ? "applied" : "superseded")
			.increment();
		log.debug("Contact replica: {} {} for contact in team {} ({})", event.type(), event.eventId(),
				event.teamId(), changed ? "applied" : "superseded");
	}

}
