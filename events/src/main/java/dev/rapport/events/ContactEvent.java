package dev.rapport.events;

import java.util.UUID;

/**
 * An event about one contact, keyed by its id so a contact's history stays in order on {@link Topics#CONTACTS} (and
 * her latest {@link ContactState} is what compaction keeps on {@link Topics#CONTACTS_STATE}).
 */
public interface ContactEvent extends RapportEvent {

	UUID contactId();

	UUID ownerId();

	@Override
	default String key() {
		return contactId().toString();
	}
}
