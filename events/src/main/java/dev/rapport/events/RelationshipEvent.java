package dev.rapport.events;

import java.util.UUID;

/**
 * A change in how warm the relationship with one contact is, keyed by the contact's id so its transitions stay in
 * order on {@link Topics#RELATIONSHIPS}.
 */
public interface RelationshipEvent extends RapportEvent {

	UUID contactId();

	UUID ownerId();

	@Override
	default String key() {
		return contactId().toString();
	}
}
