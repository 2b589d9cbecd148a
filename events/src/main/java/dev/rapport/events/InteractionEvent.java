package dev.rapport.events;

import java.util.List;
import java.util.UUID;

/**
 * An event about one interaction, keyed by its id so an interaction's history stays in order on
 * {@link Topics#INTERACTIONS}.
 */
public interface InteractionEvent extends RapportEvent {

	UUID interactionId();

	/** The user who logged, changed or deleted the interaction. */
	UUID authorId();

	/**
	 * The contacts the interaction was with, so a consumer tracking contacts (last touch, cooling) can act on any
	 * interaction event without a lookup. Not a JSON field of its own where the snapshot already carries it.
	 */
	List<UUID> participantIds();

	@Override
	default String key() {
		return interactionId().toString();
	}
}
