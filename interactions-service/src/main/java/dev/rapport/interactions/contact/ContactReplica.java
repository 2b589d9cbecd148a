package dev.rapport.interactions.contact;

import java.util.UUID;

import dev.rapport.events.ContactSnapshot.Visibility;

/** What this service knows about one contact: enough to decide who may name it, nothing personal. */
public record ContactReplica(UUID contactId, UUID teamId, UUID ownerId, Visibility visibility, boolean archived,
		long version, boolean deleted) {

	/** Same rule as contacts-service: a team contact is visible to the whole team, a private one to its owner. */
	public boolean isVisibleTo(UUID teamId, UUID userId) {
		return !deleted && this.teamId.equals(teamId) && (visibility == Visibility.TEAM || ownerId.equals(userId));
	}

}
