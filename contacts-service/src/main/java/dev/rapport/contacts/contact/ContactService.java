package dev.rapport.contacts.contact;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.contacts.contact.ContactDraft.HowWeMet;
import dev.rapport.platform.idempotency.IdempotencyKeys;
import dev.rapport.platform.idempotency.IdempotencyKeys.Claim;
import dev.rapport.platform.idempotency.IdempotencyKeys.Created;
import dev.rapport.platform.outbox.Outbox;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.ApiException;
import dev.rapport.platform.web.DraftReader;
import dev.rapport.platform.web.DraftValidator;
import dev.rapport.platform.web.Problems;
import dev.rapport.platform.web.Problems.FieldProblem;
import dev.rapport.platform.web.Versions;
import dev.rapport.platform.web.WritableFields;

/**
 * The rules for changing contacts. Each change and its event commit in one transaction. A caller only ever reaches
 * contacts of their own team that they may see; anything else does not exist for them (404).
 */
@Service
public class ContactService {

	public static final String ADMIN_ROLE = "admin";

	private static final Logger log = LoggerFactory.getLogger(ContactService.class);

	/** What a patch may name; the server owns the rest (archive has its own endpoints). */
	private static final WritableFields FIELDS = WritableFields.of(ContactDraft.class, "id", "teamId", "ownerId",
			"archived", "createdAt", "updatedAt");

	private final ContactRepository contacts;

	private final DraftReader drafts;

	private final DraftValidator validator;

	private final ContactEvents events;

	private final Clock clock;

	private final MeterRegistry meters;

	private final IdempotencyKeys idempotencyKeys;

	private final ContactKeys keys;

	public ContactService(ContactRepository contacts, DraftReader drafts, DraftValidator validator, Outbox outbox,
			IdempotencyKeys idempotencyKeys, ContactKeys keys, Clock clock, MeterRegistry meters) {
		this.contacts = contacts;
		this.keys = keys;
		this.idempotencyKeys = idempotencyKeys;
		this.drafts = drafts;
		this.validator = validator;
		this.events = new ContactEvents(outbox);
		this.clock = clock;
		this.meters = meters;
	}

	@Transactional
	public Created<Contact> create(Caller caller, ContactDraft draft, String idempotencyKey) {
		validate(draft);
		Claim claim = idempotencyKeys.claim(caller, "POST /api/contacts", idempotencyKey, draft);
		if (claim.replayed()) {
			return new Created<>(visible(caller, claim.resourceId()), true);
		}
		checkIntroducer(caller, null, draft.howWeMet());
		Instant now = now();
		Contact contact = Contact.create(claim.resourceId(), caller.teamId(), caller.userId(), draft, now);
		contacts.insert(contact);
		events.created(contact, now);
		changed("created", contact);
		return new Created<>(contact, false);
	}

	/** What {@link #createEach} made of one draft: the contact it created, or why it may not be created. */
	public record Outcome(Contact created, List<FieldProblem> problems) {
	}

	/**
	 * Creates many contacts in the caller's transaction, as {@link #create} would each (same rules, same events),
	 * written together: what an import's batch does. Each draft is checked once, by the rules of a create; an invalid
	 * one is answered with its problems (field by field) and the rest are created. In the order of {@code drafts}.
	 */
	@Transactional
	public List<Outcome> createEach(Caller caller, List<ContactDraft> drafts) {
		List<Outcome> outcomes = new ArrayList<>(drafts.size());
		List<Contact> created = new ArrayList<>(drafts.size());
		Instant now = now();
		for (ContactDraft draft : drafts) {
			List<FieldProblem> problems = problemsOf(draft);
			if (problems.isEmpty()) {
				checkIntroducer(caller, null, draft.howWeMet());
				Contact contact = Contact.create(UUID.randomUUID(), caller.teamId(), caller.userId(), draft, now);
				created.add(contact);
				outcomes.add(new Outcome(contact, List.of()));
			}
			else {
				outcomes.add(new Outcome(null, problems));
			}
		}
		if (created.isEmpty()) {
			return outcomes;
		}
		contacts.insertAll(created);
		events.createdAll(created, now);
		meters.counter("rapport.contacts.changes", "change", "created").increment(created.size());
		log.info("{} contacts created together (team {}, owner {})", created.size(), caller.teamId(), caller.userId());
		return outcomes;
	}

	@Transactional(readOnly = true)
	public Contact get(Caller caller, UUID id) {
		return visible(caller, id);
	}

	/**
	 * Applies a JSON merge-patch. {@code expectedVersion} comes from If-Match (412 when stale); a {@code version}
	 * member in the patch is checked too (409 when stale). A patch that changes nothing changes nothing: same
	 * version, no event.
	 */
	@Transactional
	public Contact patch(Caller caller, UUID id, JsonNode patch, Long expectedVersion) {
		Contact current = visibleToChange(caller, id);
		ObjectNode changes = Versions.checkPatch(FIELDS.check(patch, true), expectedVersion, current.version());
		ContactDraft draft = drafts.patched(current.draft(), changes);
		validate(draft);
		if (draft.visibility() != current.visibility() && !current.ownerId().equals(caller.userId())) {
			throw ApiException.forbidden("Only the contact's owner can change its visibility");
		}
		checkIntroducer(caller, id, draft.howWeMet());
		Instant now = now();
		Contact edited = current.with(draft, current.updatedAt());
		if (edited.equals(current)) {
			return current;
		}
		Contact updated = current.with(draft, now).nextVersion();
		save(updated, current, expectedVersion != null);
		events.updated(current, updated, now);
		changed("updated", updated);
		return updated;
	}

	@Transactional
	public Contact archive(Caller caller, UUID id, boolean archived) {
		Contact current = visibleToChange(caller, id);
		if (current.archived() == archived) {
			return current;
		}
		Instant now = now();
		Contact updated = current.archived(archived, now).nextVersion();
		save(updated, current, false);
		if (archived) {
			events.archived(updated, now);
		}
		else {
			events.unarchived(updated, now);
		}
		changed(archived ? "archived" : "unarchived", updated);
		return updated;
	}

	/**
	 * Erases the contact (an erasure request, not an archive). Contacts they introduced keep their history but lose
	 * the link, and say so with an update of their own.
	 */
	@Transactional
	public void delete(Caller caller, UUID id) {
		Contact contact = visibleToChange(caller, id);
		if (!contact.ownerId().equals(caller.userId()) && !caller.hasRole(ADMIN_ROLE)) {
			throw ApiException.forbidden("Only the contact's owner or a team admin can delete it");
		}
		Instant now = now();
		for (Contact introduced : contacts.introducedBy(caller.teamId(), id)) {
			HowWeMet met = introduced.howWeMet();
			Contact unlinked = introduced
				.with(introduced.draft().withHowWeMet(new HowWeMet(met.place(), met.date(), null, met.note())), now)
				.nextVersion();
			save(unlinked, introduced, false);
			events.updated(introduced, unlinked, now);
		}
		contacts.delete(caller.teamId(), id);
		events.deleted(contact, now);
		changed("deleted", contact);
	}

	/**
	 * Merges {@code duplicateId} into {@code survivorId} (two records of one person): the survivor absorbs the other's
	 * fields ({@link Contact#absorb}), contacts the duplicate introduced are introduced by the survivor, and the
	 * duplicate is gone: its id answers 301/410 with the survivor's from now on. The survivor's ContactUpdated and the
	 * duplicate's ContactMerged commit with it; interactions- and reminders-service move what they hold on it.
	 * <p>
	 * Both must be contacts the caller can see, and the duplicate one they may erase (its owner or an admin).
	 * Sent again after it succeeded, it changes nothing and answers the survivor. {@code expectedVersion} (If-Match)
	 * is the survivor's.
	 */
	@Transactional
	public Contact merge(Caller caller, UUID survivorId, UUID duplicateId, Long expectedVersion) {
		if (duplicateId == null) {
			throw ApiException.invalid("duplicateId", "is required");
		}
		if (duplicateId.equals(survivorId)) {
			throw ApiException.invalid("duplicateId", "is the contact itself; name the duplicate to merge into it");
		}
		visibleToChange(caller, survivorId);
		if (contacts.mergedInto(caller.teamId(), duplicateId).filter(survivorId::equals).isPresent()) {
			return visible(caller, survivorId); // merged before: a resend
		}
		Contact duplicate = visibleToChange(caller, duplicateId);
		if (!duplicate.ownerId().equals(caller.userId()) && !caller.hasRole(ADMIN_ROLE)) {
			throw ApiException.forbidden("Only the duplicate's owner or a team admin can merge it away");
		}
		List<Contact> locked = contacts.lockAll(caller.teamId(), List.of(survivorId, duplicateId));
		Contact survivor = locked.stream().filter(c -> c.id().equals(survivorId)).findFirst().orElse(null);
		duplicate = locked.stream().filter(c -> c.id().equals(duplicateId)).findFirst().orElse(null);
		if (survivor == null || duplicate == null) {
			throw ApiException.conflict("One of the two contacts was erased or merged meanwhile; list them again");
		}
		if (expectedVersion != null && expectedVersion != survivor.version()) {
			throw ApiException.preconditionFailed(survivor.version());
		}
		Instant now = now();
		Contact merged = survivor.absorb(duplicate, keys, now).nextVersion();
		save(merged, survivor, false);
		events.updated(survivor, merged, now);
		for (Contact introduced : contacts.introducedBy(caller.teamId(), duplicateId)) {
			if (introduced.id().equals(survivorId)) {
				continue; // absorb already dropped it: nobody introduces themselves
			}
			HowWeMet met = introduced.howWeMet();
			Contact relinked = introduced
				.with(introduced.draft()
					.withHowWeMet(new HowWeMet(met.place(), met.date(), survivorId, met.note())), now)
				.nextVersion();
			save(relinked, introduced, false);
			events.updated(introduced, relinked, now);
		}
		contacts.recordMerge(caller.teamId(), duplicateId, survivorId, caller.userId(), now);
		contacts.delete(caller.teamId(), duplicateId);
		events.merged(duplicate, merged, now);
		changed("merged", duplicate);
		log.info("Contact {} merged into {} by {}", duplicateId, survivorId, caller.userId());
		return merged;
	}

	/** What is wrong with {@code draft} by the rules of a create, field by field; empty when it may be created. */
	public List<FieldProblem> problemsOf(ContactDraft draft) {
		try {
			validate(draft);
			return List.of();
		}
		catch (ApiException invalid) {
			@SuppressWarnings("unchecked")
			List<FieldProblem> errors = (List<FieldProblem>) invalid.problem().getProperties().get(Problems.ERRORS);
			return errors;
		}
	}

	/** The email addresses (lower-cased) of every contact {@code caller} can see, archived ones too. */
	@Transactional(readOnly = true)
	public Set<String> visibleEmails(Caller caller) {
		return contacts.visibleEmails(caller.teamId(), caller.userId());
	}

	/** Which of {@code ids} are contacts {@code caller} can see (archived ones too). */
	@Transactional(readOnly = true)
	public Set<UUID> visibleIds(Caller caller, java.util.Collection<UUID> ids) {
		return ids.isEmpty() ? Set.of() : contacts.visibleIds(caller.teamId(), caller.userId(), ids);
	}

	/**
	 * One page of the contacts {@code caller} can see, archived ones too, in name order after {@code after} (null
	 * for the first page), optionally only those with {@code tag}: an export reads them page after page, so it never
	 * holds them all and holds no transaction while the client reads.
	 */
	@Transactional(readOnly = true)
	public List<Contact> visiblePage(Caller caller, String tag, Contact after, int size) {
		return contacts.visiblePage(caller.teamId(), caller.userId(),
				tag == null ? null : tag.strip().toLowerCase(java.util.Locale.ROOT), after, size);
	}

	/** What {@link #eraseIfUnchanged} did. */
	public enum Erasure {
		ERASED, GONE, CHANGED
	}

	/**
	 * Erases the contact (as {@link #delete}, events and all) if it is still at {@code version}; a contact someone
	 * changed since, or that is gone or out of the caller's sight, is left as it is. Answers instead of throwing, so
	 * a caller working through many contacts in one transaction goes on.
	 */
	@Transactional
	public Erasure eraseIfUnchanged(Caller caller, UUID id, long version) {
		Optional<Contact> contact = contacts.find(caller.teamId(), id).filter(c -> c.isVisibleTo(caller.userId()));
		if (contact.isEmpty()) {
			return Erasure.GONE;
		}
		if (contact.get().version() != version) {
			return Erasure.CHANGED;
		}
		delete(caller, id);
		return Erasure.ERASED;
	}

	/** PostgreSQL keeps microseconds; so does the API, so a read returns exactly what the write did. */
	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/** The contact for a read; one merged away answers 301 to its survivor (if the caller can see that). */
	private Contact visible(Caller caller, UUID id) {
		return visible(caller, id, true);
	}

	/** The contact for a change; one merged away answers 410 naming its survivor (if the caller can see that). */
	private Contact visibleToChange(Caller caller, UUID id) {
		return visible(caller, id, false);
	}

	private Contact visible(Caller caller, UUID id, boolean read) {
		Optional<Contact> contact = contacts.find(caller.teamId(), id).filter(c -> c.isVisibleTo(caller.userId()));
		if (contact.isPresent()) {
			return contact.get();
		}
		Optional<UUID> survivor = contacts.mergedInto(caller.teamId(), id)
			.filter(s -> contacts.find(caller.teamId(), s).filter(c -> c.isVisibleTo(caller.userId())).isPresent());
		if (survivor.isPresent()) {
			throw ApiException.merged("Contact", id, survivor.get(), URI.create("/api/contacts/" + survivor.get()),
					read);
		}
		throw ApiException.notFound("Contact", id);
	}

	private void checkIntroducer(Caller caller, UUID self, HowWeMet howWeMet) {
		UUID introducer = howWeMet == null ? null : howWeMet.introducedBy();
		if (introducer == null) {
			return;
		}
		if (introducer.equals(self)) {
			throw ApiException.invalid("howWeMet.introducedBy", "cannot be the contact itself");
		}
		boolean known = contacts.find(caller.teamId(), introducer)
			.filter(contact -> contact.isVisibleTo(caller.userId()))
			.isPresent();
		if (!known) {
			throw ApiException.invalid("howWeMet.introducedBy", "is not a contact you can see");
		}
	}

	private void validate(ContactDraft draft) {
		validator.validate(draft, "contact", ContactDraft.RULE_TO_FIELD);
	}

	private void save(Contact updated, Contact current, boolean viaIfMatch) {
		Versions.save(contacts, "Contact", updated, current, viaIfMatch);
	}

	private void changed(String change, Contact contact) {
		meters.counter("rapport.contacts.changes", "change", change).increment();
		log.info("Contact {} {} (team {}, version {})", contact.id(), change, contact.teamId(), contact.version());
	}

}
