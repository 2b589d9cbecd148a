package dev.rapport.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Kafka topic and header names: stable words that outlive any class name. */
public final class Topics {

	public static final String CONTACTS = "rapport.contacts.v1";
	public static final String INTERACTIONS = "rapport.interactions.v1";
	public static final String RELATIONSHIPS = "rapport.relationships.v1";
	public static final String REMINDERS = "rapport.reminders.v1";

	/**
	 * Compacted: each contact's latest {@link ContactState}, keyed by contact id, and a tombstone (null value) when
	 * she is erased. What a new consumer rebuilds the current contacts from.
	 */
	public static final String CONTACTS_STATE = "rapport.contacts.state.v1";

	/**
	 * Compacted: each interaction's latest {@link InteractionState}, keyed by interaction id, and a tombstone when it
	 * is deleted (by its author, or by the erasure of its last participant).
	 */
	public static final String INTERACTIONS_STATE = "rapport.interactions.state.v1";

	/**
	 * Compacted: each team member's latest {@link MemberState}, keyed by member id, and a tombstone when they are
	 * removed from their team. Published by the gateway, which owns identity; what a service that writes to every
	 * member (reminders-service's digest) knows them from. Holds emails and names: personal data, not analytics tier.
	 */
	public static final String MEMBERS_STATE = "rapport.members.state.v1";

	/**
	 * The analytics tier, compacted: each interaction's latest {@link ConversationFact}, keyed by interaction id, and a
	 * tombstone when it is deleted. No personal data (see {@link AnalyticsFact}).
	 */
	public static final String ANALYTICS_CONVERSATIONS = "rapport.analytics.conversations.v1";

	/**
	 * The analytics tier: every {@link RelationshipTransition}, keyed by contact id, kept {@link #ANALYTICS_RETENTION}
	 * so an analytics consumer can rebuild a year of trends. No personal data (see {@link AnalyticsFact}).
	 */
	public static final String ANALYTICS_RELATIONSHIPS = "rapport.analytics.relationships.v1";

	/**
	 * The change topics: every change as an event, kept for the brokers' default retention (7 days), then deleted.
	 * For tools that create or watch them all (devstack, tests). Each has a dead-letter topic.
	 */
	public static final List<String> ALL = List.of(CONTACTS, INTERACTIONS, RELATIONSHIPS, REMINDERS);

	/** The compacted state topics: the latest record per key, kept until a tombstone erases it. No dead letters. */
	public static final List<String> STATE = List.of(CONTACTS_STATE, INTERACTIONS_STATE, MEMBERS_STATE);

	/** The analytics tier: what an analytics consumer reads, and all it needs to read. No dead letters. */
	public static final List<String> ANALYTICS = List.of(ANALYTICS_CONVERSATIONS, ANALYTICS_RELATIONSHIPS);

	/** The topics compacted by key, where a tombstone (null value) erases a key: the state topics and the conversations. */
	public static final List<String> COMPACTED = Stream.concat(STATE.stream(), Stream.of(ANALYTICS_CONVERSATIONS))
		.toList();

	/**
	 * How long {@link #ANALYTICS_RELATIONSHIPS} keeps its transitions: a year and a month, as they carry no personal
	 * data, so trends can be rebuilt over a year from the topic alone.
	 */
	public static final Duration ANALYTICS_RETENTION = Duration.ofDays(400);

	/**
	 * How long a tombstone stays on a state topic after compaction has reached it ({@code delete.retention.ms}): a
	 * consumer that falls behind by less than this still sees the erasure; one further behind never saw her record
	 * either once compaction removed it, but must rebuild from offset zero. A day, as a consumer down longer than
	 * that is expected to replay.
	 */
	public static final Duration TOMBSTONE_RETENTION = Duration.ofDays(1);

	/**
	 * The longest a superseded record (an erased contact's snapshots included) waits on a state topic before the log
	 * cleaner must compact it ({@code max.compaction.lag.ms}; the broker also rolls the active segment by then, on the
	 * partition's next write). Without it a topic with little churn stays below the cleaner's dirty ratio and keeps
	 * old records indefinitely.
	 */
	public static final Duration MAX_COMPACTION_LAG = Duration.ofDays(1);

	/** Appended to a topic name for records a consumer could not process. */
	public static final String DEAD_LETTER_SUFFIX = ".dlt";

	/** Every topic followed by its dead-letter topic: what devstack and the tests create on a broker. */
	public static final List<String> ALL_WITH_DEAD_LETTERS = ALL.stream()
		.flatMap(topic -> Stream.of(topic, deadLetter(topic)))
		.toList();

	/**
	 * Every topic a broker needs for Rapport: the change topics, their dead-letter topics, the state topics and the
	 * analytics tier.
	 */
	public static final List<String> EVERY_TOPIC = Stream.of(ALL_WITH_DEAD_LETTERS, STATE, ANALYTICS)
		.flatMap(List::stream)
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
			case ConversationFact e -> ANALYTICS_CONVERSATIONS;
			case RelationshipTransition e -> ANALYTICS_RELATIONSHIPS;
			case ContactState e -> CONTACTS_STATE;
			case ContactEvent e -> CONTACTS;
			case InteractionState e -> INTERACTIONS_STATE;
			case InteractionEvent e -> INTERACTIONS;
			case RelationshipEvent e -> RELATIONSHIPS;
			case ReminderEvent e -> REMINDERS;
			case MemberState e -> MEMBERS_STATE;
			default -> throw new IllegalArgumentException("No topic for " + event.type());
		};
	}

	public static String deadLetter(String topic) {
		return topic + DEAD_LETTER_SUFFIX;
	}

	/**
	 * The topic-level configuration a topic is created with: none for the change and dead-letter topics (the brokers'
	 * defaults, {@code cleanup.policy=delete}, 7 days), compaction for the compacted topics, a longer retention for the
	 * analytics relationship transitions.
	 */
	public static Map<String, String> config(String topic) {
		if (ANALYTICS_RELATIONSHIPS.equals(topic)) {
			return Map.of("retention.ms", Long.toString(ANALYTICS_RETENTION.toMillis()));
		}
		if (COMPACTED.contains(topic)) {
			return Map.of("cleanup.policy", "compact",
					"delete.retention.ms", Long.toString(TOMBSTONE_RETENTION.toMillis()),
					"max.compaction.lag.ms", Long.toString(MAX_COMPACTION_LAG.toMillis()));
		}
		return Map.of();
	}
}
