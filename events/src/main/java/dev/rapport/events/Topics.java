package dev.rapport.events;

import java.util.List;
import java.util.stream.Stream;

/** Kafka topic and header names: stable words that outlive any class name. */
public final class Topics {

	public static final String CONTACTS = "rapport.contacts.v1";
	public static final String INTERACTIONS = "rapport.interactions.v1";
	public static final String RELATIONSHIPS = "rapport.relationships.v1";
	public static final String REMINDERS = "rapport.reminders.v1";

	/** Every topic Rapport publishes to, for tools that create or watch them all (devstack, tests). */
	public static final List<String> ALL = List.of(CONTACTS, INTERACTIONS, RELATIONSHIPS, REMINDERS);

	/** Appended to a topic name for records a consumer could not process. */
	public static final String DEAD_LETTER_SUFFIX = ".dlt";

	/** Every topic followed by its dead-letter topic: what devstack and the tests create on a broker. */
	public static final List<String> ALL_WITH_DEAD_LETTERS = ALL.stream()
		.flatMap(topic -> Stream.of(topic, deadLetter(topic)))
		.toList();

	/**
	 * Kafka header carrying {@link RapportEvent#type()}, so a reader picks the record class before parsing. Superseded
	 * by the CloudEvents {@link CloudEventHeaders#TYPE} header; still sent while consumers move over, and what records
	 * written before it carry alone.
	 */
	public static final String EVENT_TYPE_HEADER = "rapport-event-type";

	private Topics() {
	}

	/** The topic an event belongs on, by its kind: one place, so no producer can put an event on the wrong topic. */
	public static String of(RapportEvent event) {
		return switch (event) {
			case ContactEvent e -> CONTACTS;
			case InteractionEvent e -> INTERACTIONS;
			case RelationshipEvent e -> RELATIONSHIPS;
			case ReminderEvent e -> REMINDERS;
			default -> throw new IllegalArgumentException("No topic for " + event.type());
		};
	}

	public static String deadLetter(String topic) {
		return topic + DEAD_LETTER_SUFFIX;
	}
}
