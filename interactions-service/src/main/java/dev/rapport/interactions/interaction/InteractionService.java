package dev.rapport.interactions.interaction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.interactions.contact.ContactLookup;
import dev.rapport.interactions.contact.ContactReplica;
import dev.rapport.interactions.contact.ContactReplicaRepository;
import dev.rapport.interactions.interaction.Interaction.FollowUp;
import dev.rapport.interactions.interaction.InteractionDraft.FollowUpDraft;
import dev.rapport.platform.outbox.Outbox;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.ApiException;
import dev.rapport.platform.web.DraftValidator;
import dev.rapport.platform.web.MergePatch;
import dev.rapport.platform.web.ProblemResponses;
import dev.rapport.platform.web.Versions;
import dev.rapport.platform.web.WritableFields;
import dev.rapport.platform.web.Problems.FieldProblem;

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

	/** Clients' clocks drift; an interaction "just now" may arrive stamped a little ahead of ours. */
	static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

	private static final Logger log = LoggerFactory.getLogger(InteractionService.class);

	/** What a body may name; the server owns the rest. */
	private static final WritableFields FIELDS = WritableFields.of(InteractionDraft.class, "id", "teamId",
			"authorId", "createdAt", "updatedAt");

	/** Completion has its own endpoints (and events). */
	private static final Set<String> FOLLOW_UP_READ_ONLY = Set.of("completed", "completedAt");

	private final InteractionRepository interactions;

	private final ContactReplicaRepository contacts;

	private final ContactLookup lookup;

	private final DraftValidator validator;

	private final InteractionEvents events;

	private final JsonMapper json;

	private final Clock clock;

	private final MeterRegistry meters;

	public InteractionService(InteractionRepository interactions, ContactReplicaRepository contacts,
			ContactLookup lookup, DraftValidator validator, Outbox outbox, JsonMapper json, Clock clock, MeterRegistry meters) {
		this.interactions = interactions;
		this.contacts = contacts;
		this.lookup = lookup;
		this.validator = validator;
		this.events = new InteractionEvents(outbox);
		this.json = json;
		this.clock = clock;
		this.meters = meters;
	}

	@Transactional
	public Interaction log(Caller caller, JsonNode body) {
		ObjectNode members = checkMembers(body, false);
		Instant now = now();
		if (!members.has("happenedAt")) {
			// Logged as it happens ("just had coffee with Ada"): now, by this service's clock. An explicit null is
			// still an error.
			members.put("happenedAt", now.toString());
		}
		InteractionDraft draft = read(members);
		validate(draft, now);
		checkParticipants(caller, draft.participantIds(), Set.of());
		List<FollowUp> followUps = resolveFollowUps(draft.followUps(), List.of());
		Interaction interaction = Interaction.create(UUID.randomUUID(), caller.teamId(), caller.userId(), draft,
				followUps, now);
		interactions.insert(interaction);
		events.logged(interaction, now);
		meters.counter("rapport.interactions.logged", "type", interaction.type().name()).increment();
		changed("logged", interaction);
		return interaction;
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
		ObjectNode members = checkMembers(patch, true);
		ObjectNode changes = Versions.checkPatch(members, expectedVersion, current.version());
		InteractionDraft draft = read(MergePatch.apply(json.valueToTree(current.draft()), changes));
		Instant now = now();
		validate(draft, now);
		checkParticipants(caller, draft.participantIds(), Set.copyOf(current.participantIds()));
		List<FollowUp> followUps = resolveFollowUps(draft.followUps(), current.followUps());
		if (current.with(draft, followUps, current.updatedAt()).equals(current)) {
			return current;
		}
		Interaction updated = current.with(draft, followUps, now).nextVersion();
		save(updated, current, expectedVersion != null);
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
		FollowUp followUp = current.followUps()
			.stream()
			.filter(f -> f.id().equals(followUpId))
			.findFirst()
			.orElseThrow(() -> ApiException.notFound("Follow-up", followUpId));
		if (followUp.completed() == completed) {
			return current;
		}
		Instant now = now();
		List<FollowUp> followUps = current.followUps()
			.stream()
			.map(f -> f.id().equals(followUpId) ? f.completedAt(completed ? now : null) : f)
			.toList();
		Interaction updated = current.withFollowUps(followUps, now).nextVersion();
		save(updated, current, false);
		if (completed) {
			events.followUpCompleted(updated, followUpId, now);
		}
		else {
			events.followUpReopened(updated, followUpId, now);
		}
		changed(completed ? "follow-up-completed" : "follow-up-reopened", updated);
		return updated;
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

	/** Refuses server-owned and unknown members up front, naming each, before anything is read. */
	private static ObjectNode checkMembers(JsonNode body, boolean patch) {
		ObjectNode members = WritableFields.object(body);
		List<FieldProblem> errors = FIELDS.problems(members, patch);
		JsonNode followUps = members.get("followUps");
		if (followUps != null && followUps.isArray()) {
			for (int i = 0; i < followUps.size(); i++) {
				if (followUps.get(i) instanceof ObjectNode item) {
					for (String name : item.propertyNames()) {
						if (FOLLOW_UP_READ_ONLY.contains(name)) {
							errors.add(new FieldProblem("followUps[%d].%s".formatted(i, name),
									"is read-only: use the complete and reopen endpoints"));
						}
					}
				}
			}
		}
		if (!errors.isEmpty()) {
			throw ApiException.invalid("The request names fields that cannot be set", errors);
		}
		return members;
	}

	private InteractionDraft read(JsonNode document) {
		try {
			return json.treeToValue(document, InteractionDraft.class);
		}
		catch (JacksonException ex) {
			throw ApiException.of(ProblemResponses.bodyProblem(ex));
		}
	}

	private void validate(InteractionDraft draft, Instant now) {
		validator.validate(draft, "interaction", InteractionDraft.RULE_TO_FIELD);
		if (draft.happenedAt().isAfter(now.plus(FUTURE_TOLERANCE))) {
			throw ApiException.invalid("happenedAt", "cannot be in the future: log an interaction once it happened");
		}
	}

	/**
	 * Every participant must be a contact of the caller's team that the caller can see; those in {@code kept} (a
	 * patch keeping who was there) only need to still exist. The replicas stay share-locked until commit, so a
	 * contact's erasure cannot miss this interaction.
	 */
	private void checkParticipants(Caller caller, List<UUID> participants, Set<UUID> kept) {
		Map<UUID, ContactReplica> known = new HashMap<>(contacts.lockForReference(participants));
		for (UUID participant : participants) {
			if (!known.containsKey(participant)) {
				// Not in the replica yet (created moments ago, or its event is held up): contacts-service decides.
				lookup.lookUp(caller.teamId(), participant).ifPresent(contact -> known.put(participant, contact));
			}
		}
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

	/** Gives new follow-ups an id and keeps existing ones' identity and completion. */
	private static List<FollowUp> resolveFollowUps(List<FollowUpDraft> drafts, List<FollowUp> existing) {
		Map<UUID, FollowUp> byId = existing.stream().collect(Collectors.toMap(FollowUp::id, Function.identity()));
		Set<UUID> seen = new HashSet<>();
		List<FollowUp> resolved = new ArrayList<>();
		List<FieldProblem> errors = new ArrayList<>();
		for (int i = 0; i < drafts.size(); i++) {
			FollowUpDraft draft = drafts.get(i);
			if (draft.id() == null) {
				resolved.add(new FollowUp(UUID.randomUUID(), draft.text(), draft.dueOn(), draft.owedBy(), null));
			}
			else if (!byId.containsKey(draft.id()) || !seen.add(draft.id())) {
				errors.add(new FieldProblem("followUps[%d].id".formatted(i),
						"is not a follow-up of this interaction (leave it out for a new one)"));
			}
			else {
				resolved.add(new FollowUp(draft.id(), draft.text(), draft.dueOn(), draft.owedBy(),
						byId.get(draft.id()).completedAt()));
			}
		}
		if (!errors.isEmpty()) {
			throw ApiException.invalid("The interaction has invalid fields", errors);
		}
		return resolved;
	}

	private void save(Interaction updated, Interaction current, boolean viaIfMatch) {
		if (!interactions.update(updated, current.version())) {
			long now = interactions.find(current.teamId(), current.id()).map(Interaction::version).orElse(-1L);
			if (now < 0) {
				throw ApiException.notFound("Interaction", current.id());
			}
			throw viaIfMatch ? ApiException.preconditionFailed(now) : ApiException.staleVersion(now);
		}
	}

	private void changed(String change, Interaction interaction) {
		meters.counter("rapport.interactions.changes", "change", change).increment();
		log.info("Interaction {} {} (team {}, version {}, {} participants)", interaction.id(), change,
				interaction.teamId(), interaction.version(), interaction.participantIds().size());
	}

}
