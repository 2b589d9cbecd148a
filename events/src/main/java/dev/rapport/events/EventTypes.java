package dev.rapport.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The registry of published event types: the name in the type header maps to exactly one record class. */
public final class EventTypes {

	// One line per event type; a test checks each has a schema, a baseline schema and sample events.
	private static final Map<String, Class<? extends RapportEvent>> BY_NAME = index(List.of(
			ContactCreated.class,
			ContactUpdated.class,
			ContactArchived.class,
			ContactUnarchived.class,
			ContactDeleted.class,
			ContactMerged.class,
			ContactHandedOff.class,
			ContactState.class,
			InteractionLogged.class,
			InteractionUpdated.class,
			InteractionDeleted.class,
			InteractionState.class,
			FollowUpCompleted.class,
			FollowUpReopened.class,
			RelationshipCooling.class,
			RelationshipRewarmed.class,
			ReminderDue.class,
			ReminderCompleted.class,
			ReminderSnoozed.class,
			ReminderDismissed.class,
			MemberState.class,
			ConversationFact.class,
			RelationshipTransition.class));

	private EventTypes() {
	}

	public static Optional<Class<? extends RapportEvent>> classOf(String type) {
		return Optional.ofNullable(BY_NAME.get(type));
	}

	/** All registered type names, in registration order. */
	public static Set<String> names() {
		return BY_NAME.keySet();
	}

	public static String nameOf(Class<? extends RapportEvent> eventClass) {
		return eventClass.getSimpleName();
	}

	private static Map<String, Class<? extends RapportEvent>> index(List<Class<? extends RapportEvent>> classes) {
		Map<String, Class<? extends RapportEvent>> byName = new LinkedHashMap<>();
		for (Class<? extends RapportEvent> eventClass : classes) {
			if (byName.put(nameOf(eventClass), eventClass) != null) {
				throw new IllegalStateException("Duplicate event type name " + nameOf(eventClass));
			}
		}
		return Collections.unmodifiableMap(byName);
	}
}
