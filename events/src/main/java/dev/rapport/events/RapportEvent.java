package dev.rapport.events;

import java.time.Instant;
import java.util.UUID;

/** A fact Rapport publishes on Kafka; every event type is registered in {@link EventTypes} and has a JSON Schema. */
public interface RapportEvent {

	/** Unique per event; consumers deduplicate on it because delivery is at-least-once. */
	UUID eventId();

	Instant occurredAt();

	/** Version of this type's JSON shape; raised only by compatible (additive) changes. */
	int schemaVersion();

	UUID teamId();

	/** Kafka record key: the aggregate id, so one aggregate's events stay in order on one partition. */
	String key();

	/** Name carried in the {@link Topics#EVENT_TYPE_HEADER} header and used to look up the schema. */
	default String type() {
		return getClass().getSimpleName();
	}
}
