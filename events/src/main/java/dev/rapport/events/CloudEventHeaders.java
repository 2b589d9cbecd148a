package dev.rapport.events;

import java.util.List;
import java.util.Optional;

/**
 * The CloudEvents envelope every Rapport record carries (version 1.0, Kafka protocol binding, binary mode): the
 * attributes as {@code ce_} headers, the event's JSON unchanged as the value. Any CloudEvents SDK reads a record
 * through them; these names and values are the published contract, so they change only with a new spec version.
 */
public final class CloudEventHeaders {

	public static final String SPEC_VERSION = "ce_specversion";

	/** The event's {@link RapportEvent#eventId()}: what consumers deduplicate on. */
	public static final String ID = "ce_id";

	/** {@link #TYPE_PREFIX} followed by {@link RapportEvent#type()}, e.g. {@code dev.rapport.ContactCreated}. */
	public static final String TYPE = "ce_type";

	/** {@link #SOURCE_PREFIX} followed by the publishing service's name, e.g. {@code /rapport/contacts-service}. */
	public static final String SOURCE = "ce_source";

	/** {@link RapportEvent#occurredAt()} as an RFC 3339 timestamp (UTC). */
	public static final String TIME = "ce_time";

	/** The record key: the aggregate id ({@link RapportEvent#key()}). */
	public static final String SUBJECT = "ce_subject";

	/** The {@code $id} of the payload's JSON Schema ({@link EventSchemas#schemaId}). */
	public static final String DATA_SCHEMA = "ce_dataschema";

	/** The binding's name for {@code datacontenttype}: no {@code ce_} prefix. */
	public static final String CONTENT_TYPE = "content-type";

	/** Every header of the envelope, in the order of the attributes above. */
	public static final List<String> ALL = List.of(SPEC_VERSION, ID, TYPE, SOURCE, TIME, SUBJECT, DATA_SCHEMA,
			CONTENT_TYPE);

	public static final String SPEC_VERSION_VALUE = "1.0";

	public static final String CONTENT_TYPE_VALUE = "application/json";

	/** Reverse-DNS of the project, so Rapport's types stay apart from other producers' on a shared bus. */
	public static final String TYPE_PREFIX = "dev.rapport.";

	public static final String SOURCE_PREFIX = "/rapport/";

	private CloudEventHeaders() {
	}

	/** The {@code ce_type} of an event type, e.g. {@code dev.rapport.ContactCreated} for {@code ContactCreated}. */
	public static String type(String eventType) {
		return TYPE_PREFIX + eventType;
	}

	/** The event type a {@code ce_type} names, or empty for a type not of Rapport's (no {@link #TYPE_PREFIX}). */
	public static Optional<String> eventType(String cloudEventType) {
		if (cloudEventType == null || !cloudEventType.startsWith(TYPE_PREFIX)
				|| cloudEventType.length() == TYPE_PREFIX.length()) {
			return Optional.empty();
		}
		return Optional.of(cloudEventType.substring(TYPE_PREFIX.length()));
	}

	/** The {@code ce_source} of a service, e.g. {@code /rapport/contacts-service}. */
	public static String source(String applicationName) {
		if (applicationName == null || applicationName.isBlank()) {
			throw new IllegalArgumentException("A CloudEvents source needs the publishing application's name");
		}
		return SOURCE_PREFIX + applicationName;
	}

	/** The {@code ce_dataschema} of an event type: its schema's {@code $id}, e.g. {@code urn:rapport:event:ContactCreated}. */
	public static String dataSchema(String eventType) {
		return EventSchemas.schemaId(eventType);
	}

}
