package dev.rapport.events;

/** Where each event type's JSON Schema (draft 2020-12) lives, for validators, docs and analytics tooling. */
public final class EventSchemas {

	/** Class-loader resource folder holding one {@code <EventType>.schema.json} per event type. */
	public static final String RESOURCE_FOLDER = "schemas/";

	public static final String ID_PREFIX = "urn:rapport:event:";

	/**
	 * Class-loader resource name of the AsyncAPI 3.0 document of every topic, beside {@link #RESOURCE_FOLDER}: its
	 * payloads refer to the schemas by relative paths ({@code schemas/<EventType>.schema.json}).
	 */
	public static final String ASYNCAPI_DOCUMENT = "asyncapi.yaml";

	private EventSchemas() {
	}

	/** Class-loader resource name (no leading slash), e.g. {@code schemas/ContactCreated.schema.json}. */
	public static String schemaResource(String type) {
		return RESOURCE_FOLDER + requireKnown(type) + ".schema.json";
	}

	/** The schema's {@code $id}, e.g. {@code urn:rapport:event:ContactCreated}; a URN so no host has to exist. */
	public static String schemaId(String type) {
		return ID_PREFIX + requireKnown(type);
	}

	private static String requireKnown(String type) {
		if (EventTypes.classOf(type).isEmpty()) {
			throw new IllegalArgumentException("Unknown event type: " + type);
		}
		return type;
	}
}
