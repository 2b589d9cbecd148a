package dev.rapport.interactions.interaction;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.interactions.contact.ContactDirectory;
import dev.rapport.interactions.contact.ContactReplica;
import dev.rapport.platform.idempotency.IdempotencyKeys;
import dev.rapport.platform.idempotency.IdempotencyKeys.Claim;
import dev.rapport.platform.idempotency.IdempotencyKeys.Created;
import dev.rapport.platform.outbox.Outbox;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.ApiException;
import dev.rapport.platform.web.DraftReader;
import dev.rapport.platform.web.DraftValidator;
import dev.rapport.platform.web.PageResponse;
import dev.rapport.platform.web.Problems.FieldProblem;
import dev.rapport.platform.web.Versions;

/**
 * The rules for logging and changing interactions. Each change and its event commit in one transaction.
 * <p>
 * Who may do what, within the caller's team (another team's interactions do not exist for them: 404):
 * <ul>
 * <li>participants must be contacts the replica knows in the caller's team and the caller can see (a team contact,
 * or one they own); a patch may keep a participant that has since become invisible to the author, not add one;</li>
 * <li>the author reads their interactions; a teammate reads one when they can see every participant (so an
 * interaction never reveals a private contact), without the author's private {@code notes}; anyone else gets 404;</li>
 * <li>only the author changes an interaction and its follow-ups; the author or a team admin deletes it (403 for a
 * teammate who can read it).</li>
 * </ul>
 */
@Service
public class InteractionService {

	public static final String ADMIN_ROLE = "admin";

	private static final Logger log = LoggerFactory.getLogger(InteractionService.class);

	private final InteractionRepository interactions;

	private final ContactDirectory contacts;

	private final DraftReader drafts;

	private final DraftValidator validator;

	private final InteractionEvents events;

	private final Clock clock;

	private final MeterRegistry meters;

	private final IdempotencyKeys idempotencyKeys;

	public InteractionService(InteractionRepository interactions, ContactDirectory contacts, DraftReader drafts,
			DraftValidator validator, Outbox outbox, IdempotencyKeys idempotencyKeys, Clock clock, MeterRegistry meters) {
		this.interactions = interactions;
		this.idempotencyKeys = idempotencyKeys;
		this.contacts = contacts;
		this.drafts = drafts;
		this.validator = validator;
		this.events = new InteractionEvents(outbox);
		this.clock = clock;
		this.meters = meters;
	}

	@Transactional
	public Created<Interaction> log(Caller caller, JsonNode body, String idempotencyKey) {
		Instant now = now();
		JsonNode sent = body.deepCopy(); // as sent: what a resend repeats (checkLogged fills in happenedAt)
		InteractionDraft draft = drafts.read(InteractionDraft.checkLogged(body, now), InteractionDraft.class);
		validate(draft, now);
		Claim claim = idempotencyKeys.claim(caller, "POST /api/interactions", idempotencyKey, sent);
		if (claim.replayed()) {
			return new Created<>(get(caller, claim.resourceId()), true);
		}
		checkParticipants(caller, draft.participantIds(), Set.of());
		Interaction interaction = Interaction.create(claim.resourceId(), caller.teamId(), caller.userId(), draft, now);
		interactions.insert(interaction);
		events.logged(interaction, now);
		meters.counter("rapport.interactions.logged", "type", interaction.type().name()).increment();
		changed("logged", interaction);
		return new Created<>(interaction, false);
	}

	@Transactional(readOnly = true)
	public Interaction get(Caller caller, UUID id) {
		return readable(caller, id).asSeenBy(caller.userId());
	}

	/**
	 * Applies a JSON merge-patch. {@code expectedVersion} comes from If-Match (412 when stale); a {@code version}
	 * member in the patch is checked too (409 when stale). A patch that changes nothing changes nothing: same
	 * version, no event. {@code followUps}, like every array, is replaced whole: items naming an existing {@code id}
	 * keep it (and its completion), items without one are new.
	 */
	@Transactional
	public Interaction patch(Caller caller, UUID id, JsonNode patch, Long expectedVersion) {
		Interaction current = authored(caller, id);
		ObjectNode members = InteractionDraft.checkMembers(patch, true);
		ObjectNode changes = Versions.checkPatch(members, expectedVersion, current.version());
		InteractionDraft draft = drafts.patched(current.draft(), changes);
		Instant now = now();
		validate(draft, now);
		checkParticipants(caller, draft.participantIds(), Set.copyOf(current.participantIds()));
		Interaction updated = current.edit(draft, now);
		if (updated == current) {
			return current;
		}
		Versions.save(interactions, "Interaction", updated, current, expectedVersion != null);
		events.updated(current, updated, now);
		changed("updated", updated);
		return updated;
	}

	@Transactional
	public void delete(Caller caller, UUID id) {
		Interaction interaction = readable(caller, id);
		if (!interaction.authorId().equals(caller.userId()) && !caller.hasRole(ADMIN_ROLE)) {
			throw ApiException.forbidden("Only the interaction's author or a team admin can delete it");
		}
		if (!interactions.delete(caller.teamId(), id)) {
			throw ApiException.notFound("Interaction", id);
		}
		events.deleted(interaction, interaction.participantIds(), now());
		changed("deleted", interaction);
	}

	/** Marks a follow-up done ({@code completed}) or open again; already so is a no-op (no new version, no event). */
	@Transactional
	public Interaction setFollowUpCompleted(Caller caller, UUID id, UUID followUpId, boolean completed) {
		Interaction current = authored(caller, id);
		Instant now = now();
		Interaction updated = current.withFollowUpCompleted(followUpId, completed, now);
		if (updated == current) {
			return current;
		}
		Versions.save(interactions, "Interaction", updated, current, false);
		if (completed) {
			events.followUpCompleted(updated, followUpId, now);
		}
		else {
			events.followUpReopened(updated, followUpId, now);
		}
		changed(completed ? "follow-up-completed" : "follow-up-reopened", updated);
		return updated;
	}

	/**
	 * A page of the interactions with {@code contactId} that the caller may read (see {@link #get}), newest first;
	 * whether the caller may see the contact itself is the timeline's question, asked before.
	 */
	@Transactional(readOnly = true)
	public PageResponse<Interaction> timeline(Caller caller, UUID contactId, int page, int size) {
		long total = interactions.countTimeline(caller.teamId(), contactId, caller.userId());
		return PageResponse
			.of(interactions.timeline(caller.teamId(), contactId, caller.userId(), size, (long) page * size), page,
					size, total)
			.map(interaction -> interaction.asSeenBy(caller.userId()));
	}

	/** PostgreSQL keeps microseconds; so does the API, so a read returns exactly what the write did. */
	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/** The interaction if the caller may read it; 404 otherwise, whether it exists or not. */
	private Interaction readable(Caller caller, UUID id) {
		Interaction interaction = interactions.find(caller.teamId(), id)
			.orElseThrow(() -> ApiException.notFound("Interaction", id));
		if (!interaction.authorId().equals(caller.userId())
				&& !interactions.readableBy(caller.teamId(), id, caller.userId())) {
			throw ApiException.notFound("Interaction", id);
		}
		return interaction;
	}

	private Interaction authored(Caller caller, UUID id) {
		Interaction interaction = readable(caller, id);
		if (!interaction.authorId().equals(caller.userId())) {
			throw ApiException.forbidden("Only the interaction's author can change it");
		}
		return interaction;
	}

	private void validate(InteractionDraft draft, Instant now) {
		validator.validate(draft, "interaction", InteractionDraft.RULE_TO_FIELD);
		draft.checkHappenedBy(now);
	}

	/**
	 * Every participant must be a contact of the caller's team that the caller can see; those in {@code kept} (a
	 * patch keeping who was there) only need to still exist. The replicas stay share-locked until commit, so a
	 * contact's erasure cannot miss this interaction.
	 */
	private void checkParticipants(Caller caller, List<UUID> participants, Set<UUID> kept) {
		Map<UUID, ContactReplica> known = contacts.lockForReference(caller.teamId(), participants);
		List<FieldProblem> errors = new ArrayList<>();
		for (int i = 0; i < participants.size(); i++) {
			ContactReplica contact = known.get(participants.get(i));
			boolean allowed = contact != null && !contact.deleted() && contact.teamId().equals(caller.teamId())
					&& (kept.contains(contact.contactId()) || contact.isVisibleTo(caller.teamId(), caller.userId()));
			if (!allowed) {
				errors.add(new FieldProblem("participantIds[%d]".formatted(i), "is not a contact you can see"));
			}
		}
		if (!errors.isEmpty()) {
			throw ApiException.invalid("The interaction names contacts you cannot see", errors);
		}
	}

	private void changed(String change, Interaction interaction) {
		meters.counter("rapport.interactions.changes", "change", change).increment();
		log.info("Interaction {} {} (team {}, version {}, {} participants)", interaction.id(), change,
				interaction.teamId(), interaction.version(), interaction.participantIds().size());
	}

}
