package dev.rapport.interactions.interaction;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.rapport.platform.web.Versions;
import dev.rapport.events.InteractionSnapshot;
import dev.rapport.events.InteractionSnapshot.FollowUp.Owner;
import dev.rapport.events.InteractionSnapshot.Initiator;
import dev.rapport.events.InteractionSnapshot.Type;

/**
 * A stored interaction as the API returns it: what the author wrote plus what the server owns. {@code notes} are
 * the author's own: {@link #asSeenBy} leaves them out for anyone else.
 */
public record Interaction(UUID id, UUID teamId, UUID authorId, List<UUID> participantIds, Type type,
		Instant happenedAt, String timeZone, Integer durationMinutes, String place, Initiator initiatedBy,
		String summary, String notes, List<String> learned, List<String> questions, List<FollowUp> followUps,
		Integer meaningfulness, Instant createdAt, Instant updatedAt, long version) {

	public Interaction {
		participantIds = List.copyOf(participantIds);
		learned = List.copyOf(learned);
		questions = List.copyOf(questions);
		followUps = List.copyOf(followUps);
	}

	static Interaction create(UUID id, UUID teamId, UUID authorId, InteractionDraft draft, List<FollowUp> followUps,
			Instant now) {
		return new Interaction(id, teamId, authorId, draft.participantIds(), draft.type(), draft.happenedAt(),
				draft.timeZone(), draft.durationMinutes(), draft.place(), draft.initiatedBy(), draft.summary(),
				draft.notes(), draft.learned(), draft.questions(), followUps, draft.meaningfulness(), now, now, 1);
	}

	/** The author's fields replaced by {@code draft} (follow-ups already resolved); server-owned fields kept. */
	Interaction with(InteractionDraft draft, List<FollowUp> followUps, Instant now) {
		return new Interaction(id, teamId, authorId, draft.participantIds(), draft.type(), draft.happenedAt(),
				draft.timeZone(), draft.durationMinutes(), draft.place(), draft.initiatedBy(), draft.summary(),
				draft.notes(), draft.learned(), draft.questions(), followUps, draft.meaningfulness(), createdAt, now,
				version);
	}

	Interaction withParticipants(List<UUID> participants, Instant now) {
		return new Interaction(id, teamId, authorId, participants, type, happenedAt, timeZone, durationMinutes, place,
				initiatedBy, summary, notes, learned, questions, followUps, meaningfulness, createdAt, now, version);
	}

	Interaction withFollowUps(List<FollowUp> followUps, Instant now) {
		return new Interaction(id, teamId, authorId, participantIds, type, happenedAt, timeZone, durationMinutes,
				place, initiatedBy, summary, notes, learned, questions, followUps, meaningfulness, createdAt, now,
				version);
	}

	Interaction nextVersion() {
		return new Interaction(id, teamId, authorId, participantIds, type, happenedAt, timeZone, durationMinutes,
				place, initiatedBy, summary, notes, learned, questions, followUps, meaningfulness, createdAt,
				updatedAt, version + 1);
	}

	/** The editable part, for merge-patching. */
	InteractionDraft draft() {
		return new InteractionDraft(participantIds, type, happenedAt, timeZone, durationMinutes, place, initiatedBy,
				summary, notes, learned, questions,
				followUps.stream().map(f -> new InteractionDraft.FollowUpDraft(f.id(), f.text(), f.dueOn(), f.owedBy()))
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
