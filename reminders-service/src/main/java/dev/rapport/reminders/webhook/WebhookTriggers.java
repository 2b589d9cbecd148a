package dev.rapport.reminders.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

import dev.rapport.events.ContactDeleted;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.events.RapportEvent;
import dev.rapport.events.RelationshipCooling;
import dev.rapport.events.ReminderDue;
import dev.rapport.platform.messaging.EventDispatcher;
import dev.rapport.platform.transaction.AfterCommit;
import dev.rapport.reminders.PublicLinks;
import dev.rapport.reminders.relationship.Relationship;
import dev.rapport.reminders.relationship.RelationshipService;

/**
 * Turns this service's own {@code ReminderDue} and {@code RelationshipCooling} events into deliveries, one per
 * webhook that receives them: the member's own webhooks and the team's. It reads them back from their topics in a
 * consumer group of its own ({@code reminders-webhooks}, binding {@code webhookEvents-in-0}) rather than in the
 * transaction that publishes them: a reminder fires whether or not any webhook works, and webhooks never slow the
 * scheduler down. Redelivered events add nothing: a webhook has one delivery per event id (unique constraint).
 * <p>
 * Visibility: a team webhook hears only about contacts shared with the team ({@code TEAM} visibility, as the
 * relationship knows it from the contact's events); a contact private to a member, or one this service does not know
 * (yet), is left out of every team webhook, so a member's private contacts never reach a team channel. A member's own
 * webhook hears about their own reminders, with the contact's name when the member may see the contact.
 * <p>
 * Erasure: {@code ContactDeleted} (from {@code rapport.contacts.v1}, on the same binding) deletes every delivery about
 * the contact, its name in the payload included; an event about an erased contact arriving later is dropped.
 */
@Component
class WebhookTriggers {

	private static final Logger log = LoggerFactory.getLogger(WebhookTriggers.class);

	private final WebhookRepository webhooks;

	private final RelationshipService relationships;

	private final DeliveryPayloads payloads;

	private final DeliveryWorker worker;

	private final PublicLinks links;

	private final Clock clock;

	private final MeterRegistry meters;

	WebhookTriggers(WebhookRepository webhooks, RelationshipService relationships, DeliveryPayloads payloads,
			DeliveryWorker worker, PublicLinks links, Clock clock, MeterRegistry meters) {
		this.webhooks = webhooks;
		this.relationships = relationships;
		this.payloads = payloads;
		this.worker = worker;
		this.links = links;
		this.clock = clock;
		this.meters = meters;
	}

	void handle(RapportEvent event) {
		switch (event) {
			case ReminderDue due -> queue(due.eventId(), "ReminderDue", due.occurredAt(), due.teamId(), due.userId(),
					due.contactId(), data -> {
						data.put("reminderId", due.reminderId().toString());
						data.put("kind", due.kind().name());
						data.put("dueOn", due.dueOn().toString());
					});
			case RelationshipCooling cooling -> queue(cooling.eventId(), "RelationshipCooling", cooling.occurredAt(),
					cooling.teamId(), cooling.ownerId(), cooling.contactId(), data -> {
						data.put("state", cooling.state().name());
						data.put("previousState", cooling.previousState().name());
						data.put("daysSinceLastTouch", cooling.daysSinceLastTouch());
						data.put("expectedGapDays", cooling.expectedGapDays());
					});
			case ContactDeleted deleted -> {
				int erased = webhooks.deleteDeliveriesAbout(deleted.contactId());
				if (erased > 0) {
					log.info("Erased {} webhook deliveries about contact {}", erased, deleted.contactId());
				}
			}
			default -> {
				// Other contact events share the binding; nothing to deliver.
			}
		}
	}

	private void queue(UUID eventId, String type, Instant occurredAt, UUID teamId, UUID memberId, UUID contactId,
			Consumer<Map<String, Object>> details) {
		List<Webhook> receiving = webhooks.receiving(teamId, memberId);
		if (receiving.isEmpty() || relationships.erased(contactId)) {
			return;
		}
		Optional<Relationship> relationship = relationships.find(teamId, contactId);
		boolean shared = relationship.map(r -> r.contact().known() && r.contact().visibility() == Visibility.TEAM)
			.orElse(false);
		String name = relationship.filter(r -> r.visibleTo(memberId)).map(r -> r.contact().displayName()).orElse(null);
		Instant now = clock.instant();
		int queued = 0;
		for (Webhook webhook : receiving) {
			if (webhook.scope() == WebhookScope.TEAM && !shared) {
				continue;
			}
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("contactId", contactId.toString());
			data.put("contactName", name);
			details.accept(data);
			data.put("memberId", memberId.toString());
			data.put("link", links.contact(contactId));
			if (webhooks.insertDelivery(webhook.id(), eventId, type, contactId,
					payloads.payload(type, eventId, occurredAt, data), now).isPresent()) {
				queued++;
			}
		}
		if (queued > 0) {
			meters.counter("rapport.webhook.deliveries.queued", "type", type).increment(queued);
			AfterCommit.run(worker::wake);
		}
	}

	/** The consumer (binding {@code webhookEvents-in-0} in application.yml). */
	@Configuration(proxyBeanMethods = false)
	static class Intake {

		@Bean
		Consumer<Message<byte[]>> webhookEvents(EventDispatcher dispatcher, WebhookTriggers triggers) {
			// Not through processed_event: the service's main group applies ContactDeleted under the same event id.
			return dispatcher.selfDeduplicatingConsumer("reminders.webhooks", triggers::handle);
		}

	}

}
