package dev.rapport.interactions.interaction;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.rapport.events.InteractionSnapshot;
import dev.rapport.events.InteractionSnapshot.FollowUp.Owner;
import dev.rapport.events.InteractionSnapshot.Initiator;
import dev.rapport.events.InteractionSnapshot.Type;
import dev.rapport.interactions.interaction.InteractionDraft.FollowUpDraft;
import dev.rapport.platform.web.ApiException;
import dev.rapport.platform.web.Problems.FieldProblem;
import dev.rapport.platform.web.Versioned;
import dev.rapport.platform.web.Versions;

/**
 * A stored interaction as the API returns it: what the author wrote plus what the server owns. {@code notes} are
 * the author's own: {@link #asSeenBy} leaves them out for anyone else. Its changes are decided here (a new version,
 * or itself when nothing changed) and follow-ups keep their identity through them; the service loads, authorises,
 * saves and publishes.
 */
public record Interaction(UUID id, UUID teamId, UUID authorId, List<UUID> participantIds, Type type,
		Instant happenedAt, String timeZone, Integer durationMinutes, String place, Initiator initiatedBy,
		String summary, String notes, List<String> learned, List<String> questions, List<FollowUp> followUps,
		Integer meaningfulness, Instant createdAt, Instant updatedAt, long version) implements Versioned {

	public Interaction {
		participantIds = List.copyOf(participantIds);
		learned = List.copyOf(learned);
		questions = List.copyOf(questions);
		followUps = List.copyOf(followUps);
	}

	/** A new interaction, version 1; each follow-up gets an id (a draft naming one is refused: 400). */
	static Interaction create(UUID id, UUID teamId, UUID authorId, InteractionDraft draft, Instant now) {
		return new Interaction(id, teamId, authorId, draft.participantIds(), draft.type(), draft.happenedAt(),
				draft.timeZone(), draft.durationMinutes(), draft.place(), draft.initiatedBy(), draft.summary(),
				draft.notes(), draft.learned(), draft.questions(), resolve(draft.followUps(), List.of()),
				draft.meaningfulness(), now, now, 1);
	}

	/**
	 * The author's fields replaced by {@code draft}, as the next version; this same interaction when the draft
	 * changes nothing. Follow-ups naming an existing id keep it and their completion, those without one are new.
	 */
	Interaction edit(InteractionDraft draft, Instant now) {
		List<FollowUp> resolved = resolve(draft.followUps(), followUps);
		if (with(draft, resolved, updatedAt).equals(this)) {
			return this;
		}
		return with(draft, resolved, now).nextVersion();
	}

	/**
	 * The follow-up {@code followUpId} marked done ({@code completed}) or open again, as the next version; this same
	 * interaction when it already is (404 when it has no such follow-up).
	 */
	Interaction withFollowUpCompleted(UUID followUpId, boolean completed, Instant now) {
		FollowUp followUp = followUps.stream()
			.filter(f -> f.id().equals(followUpId))
			.findFirst()
			.orElseThrow(() -> ApiException.notFound("Follow-up", followUpId));
		if (followUp.completed() == completed) {
			return this;
		}
		List<FollowUp> changed = followUps.stream()
			.map(f -> f.id().equals(followUpId) ? f.completedAt(completed ? now : null) : f)
			.toList();
		return withFollowUps(changed, now).nextVersion();
	}

	/** The next version without {@code contactId} among the participants (erasure); nobody left means delete it. */
	/** {@code merged} replaced by {@code survivor} where it was (once, if both were there): a merge of two contacts. */
	Interaction withParticipantMerged(UUID merged, UUID survivor, Instant now) {
		return withParticipants(participantIds.stream().map(id -> id.equals(merged) ? survivor : id).distinct().toList(),
				now)
			.nextVersion();
	}

	Interaction withoutParticipant(UUID contactId, Instant now) {
		return withParticipants(participantIds.stream().filter(id -> !id.equals(contactId)).toList(), now)
			.nextVersion();
	}

	/** Gives new follow-ups an id and keeps existing ones' identity and completion. */
	private static List<FollowUp> resolve(List<FollowUpDraft> drafts, List<FollowUp> existing) {
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

	/** The author's fields replaced by {@code draft} (follow-ups already resolved); server-owned fields kept. */
	private Interaction with(InteractionDraft draft, List<FollowUp> followUps, Instant now) {
		return new Interaction(id, teamId, authorId, draft.participantIds(), draft.type(), draft.happenedAt(),
				draft.timeZone(), draft.durationMinutes(), draft.place(), draft.initiatedBy(), draft.summary(),
				draft.notes(), draft.learned(), draft.questions(), followUps, draft.meaningfulness(), createdAt, now,
				version);
	}

	private Interaction withParticipants(List<UUID> participants, Instant now) {
		return new Interaction(id, teamId, authorId, participants, type, happenedAt, timeZone, durationMinutes, place,
				initiatedBy, summary, notes, learned, questions, followUps, meaningfulness, createdAt, now, version);
	}

	private Interaction withFollowUps(List<FollowUp> followUps, Instant now) {
		return new Interaction(id, teamId, authorId, participantIds, type, happenedAt, timeZone, durationMinutes,
				place, initiatedBy, summary, notes, learned, questions, followUps, meaningfulness, createdAt, now,
				version);
	}

	private Interaction nextVersion() {
		return new Interaction(id, teamId, authorId, participantIds, type, happenedAt, timeZone, durationMinutes,
				place, initiatedBy, summary, notes, learned, questions, followUps, meaningfulness, createdAt,
				updatedAt, version + 1);
	}

	/** The editable part, for merge-patching. */
	InteractionDraft draft() {
		return new InteractionDraft(participantIds, type, happenedAt, timeZone, durationMinutes, place, initiatedBy,
				summary, notes, learned, questions,
				followUps.stream().map(f -> new FollowUpDraft(f.id(), f.text(), f.dueOn(), f.owedBy()))
					.toList(),
				meaningfulness);
	}

	/** What {@code userId} gets to read: everything if they wrote it, otherwise everything but the private notes. */
	public Interaction asSeenBy(UUID userId) {
		if (authorId.equals(userId) || notes == null) {
			return this;
		}
		return new Interaction(id, teamId, authorId, participantIds, type, happenedAt, timeZone, durationMinutes,
				place, initiatedBy, summary, null, learned, questions, followUps, meaningfulness, createdAt, updatedAt,
				version);
	}

	/** The state published in events: notes and what was learned stay in this service. */
	InteractionSnapshot snapshot() {
		return new InteractionSnapshot(participantIds, type, happenedAt, timeZone, durationMinutes, place,
				initiatedBy, summary, questions,
				followUps.stream()
					.map(f -> new InteractionSnapshot.FollowUp(f.id(), f.text(), f.dueOn(), f.owedBy(), f.completedAt()))
					.toList(),
				meaningfulness, version, createdAt, updatedAt);
	}

	@JsonIgnore
	public String etag() {
		return Versions.etag(version);
	}

	/** Something one side promised; open until completed. {@code completed} is derived, for clients' convenience. */
	@JsonIgnoreProperties(value = "completed", allowGetters = true)
	public record FollowUp(UUID id, String text, LocalDate dueOn, Owner owedBy, Instant completedAt) {

		@JsonProperty("completed")
		public boolean completed() {
			return completedAt != null;
		}

		FollowUp completedAt(Instant when) {
			return new FollowUp(id, text, dueOn, owedBy, when);
		}

	}

}
