package dev.rapport.platform.messaging;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The events a service has already applied. Recording the event id in the same transaction as its effect is what
 * makes at-least-once delivery safe: a redelivered event finds its id and changes nothing.
 */
public class ProcessedEvents {

	private final JdbcClient jdbc;

	public ProcessedEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** True the first time an event id is seen (and records it); false for a redelivery. */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean firstDelivery(UUID eventId, String eventType) {
		return jdbc.sql("""
				insert into processed_event (event_id, event_type) values (:id, :type)
				on conflict (event_id) do nothing
				""").param("id", eventId).param("type", eventType).update() == 1;
	}

}
