package dev.rapport.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The analytics view of one logged conversation, on the compacted {@link Topics#ANALYTICS_CONVERSATIONS}: who talked
 * to whom, when, how, and the follow-ups promised with their dates, without any text. Published after every change of
 * the interaction (so the latest per key is its current state) and replaced by a tombstone when it is deleted.
 */
public record ConversationFact(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID interactionId,
		UUID teamId,
		UUID authorId,
		List<UUID> contactIds,
		InteractionSnapshot.Type interactionType,
		Instant happenedAt,
		String timeZone,
		List<FollowUpFact> followUps,
		long version) implements AnalyticsFact {

	public static final int SCHEMA_VERSION = 1;

	public ConversationFact {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(interactionId, "interactionId");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(authorId, "authorId");
		contactIds = contactIds == null ? List.of() : List.copyOf(contactIds);
		Objects.requireNonNull(interactionType, "interactionType");
		Objects.requireNonNull(happenedAt, "happenedAt");
		Objects.requireNonNull(timeZone, "timeZone");
		followUps = followUps == null ? List.of() : List.copyOf(followUps);
	}

	/** The fact of an interaction's current snapshot: the snapshot minus every free-text field. */
	public static ConversationFact of(UUID interactionId, UUID teamId, UUID authorId, InteractionSnapshot interaction,
			Instant occurredAt) {
		return new ConversationFact(UUID.randomUUID(), occurredAt, SCHEMA_VERSION, interactionId, teamId, authorId,
				interaction.participantIds(), interaction.type(), interaction.happenedAt(), interaction.timeZone(),
				interaction.followUps().stream().map(FollowUpFact::of).toList(), interaction.version());
	}

	@Override
	public String key() {
		return interactionId.toString();
	}

	/** A promised follow-up without its text: open while {@code completedAt} is null; {@code dueOn} null when undated. */
	public record FollowUpFact(UUID id, LocalDate dueOn, InteractionSnapshot.FollowUp.Owner owedBy, Instant completedAt) {

		public FollowUpFact {
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(owedBy, "owedBy");
		}

		public static FollowUpFact of(InteractionSnapshot.FollowUp followUp) {
			return new FollowUpFact(followUp.id(), followUp.dueOn(), followUp.owedBy(), followUp.completedAt());
		}
	}
}
