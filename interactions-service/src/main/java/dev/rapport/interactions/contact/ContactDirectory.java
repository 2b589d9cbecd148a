package dev.rapport.interactions.contact;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.ApiException;

/**
 * What the rest of this service asks about contacts: the replica kept from contacts-service's events, and for a
 * contact whose creation has not arrived yet, contacts-service itself (see {@link ContactLookup}). Other features
 * come here, never to the replica's storage.
 */
@Component
public class ContactDirectory {

	private final ContactReplicaRepository replicas;

	private final ContactLookup lookup;

	ContactDirectory(ContactReplicaRepository replicas, ContactLookup lookup) {
		this.replicas = replicas;
		this.lookup = lookup;
	}

	/** The contact as the replica knows it, deleted ones as tombstones; nothing is asked of contacts-service. */
	public Optional<ContactReplica> find(UUID contactId) {
		return replicas.find(contactId);
	}

	/**
	 * The contact, when the caller may see it; otherwise 404, as for a contact that does not exist (another team's,
	 * a teammate's private one, an erased one), so that nothing tells them apart.
	 */
	public ContactReplica requireVisible(Caller caller, UUID contactId) {
		return find(contactId).filter(contact -> contact.isVisibleTo(caller.teamId(), caller.userId()))
			.orElseThrow(() -> ApiException.notFound("Contact", contactId));
	}

	/** The contacts of {@code contactIds} that {@code userId} of {@code teamId} may see; nothing is asked elsewhere. */
	public List<ContactReplica> visibleTo(UUID teamId, UUID userId, Collection<UUID> contactIds) {
		return replicas.findAll(contactIds).stream().filter(contact -> contact.isVisibleTo(teamId, userId)).toList();
	}

	/** The contacts linked to {@code contactId} by an introduction, either way (see {@link Introduction}). */
	public List<Introduction> introductionsOf(UUID contactId) {
		return replicas.introductions(contactId);
	}

	/**
	 * The contacts an interaction of {@code teamId} is about to name, share-locked until the transaction ends so that
	 * a contact's erasure cannot miss that interaction. One the replica does not know yet (created moments ago, or
	 * its event is held up) is asked of contacts-service with the caller's token; absent when it does not exist for
	 * the caller.
	 */
	public Map<UUID, ContactReplica> lockForReference(UUID teamId, Collection<UUID> contactIds) {
		Map<UUID, ContactReplica> known = new HashMap<>(replicas.lockForReference(contactIds));
		for (UUID contactId : contactIds) {
			if (!known.containsKey(contactId)) {
				lookup.lookUp(teamId, contactId).ifPresent(contact -> known.put(contactId, contact));
			}
		}
		return known;
	}

}
