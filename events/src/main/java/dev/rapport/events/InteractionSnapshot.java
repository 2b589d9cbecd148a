package dev.rapport.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The state of one interaction as published in events, so consumers can keep their own copy without calling the
 * interactions service. The author's private notes and "what I learned" are deliberately left out: they never
 * leave the interactions service. Lists are never null (empty instead); other optional fields are null when unknown.
 */
public record InteractionSnapshot(
		List<UUID> participantIds,
		Type type,
		Instant happenedAt,
		String timeZone,
		Integer durationMinutes,
		String place,
		Initiator initiatedBy,
		String summary,
		List<String> questions,
		List<FollowUp> followUps,
		Integer meaningfulness,
		long version,
		Instant createdAt,
		Instant updatedAt) {

	/** Bookkeeping that changes on every update, so listing it in {@link InteractionUpdated#changedFields()} says nothing. */
	private static final Set<String> BOOKKEEPING = Set.of("version", "createdAt", "updatedAt");

	public InteractionSnapshot {
		participantIds = participantIds == null ? List.of() : List.copyOf(participantIds);
		if (participantIds.isEmpty()) {
			throw new IllegalArgumentException("participantIds must name at least one contact");
		}
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(happenedAt, "happenedAt");
		Objects.requireNonNull(timeZone, "timeZone");
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(updatedAt, "updatedAt");
		if (durationMinutes != null && durationMinutes < 1) {
			throw new IllegalArgumentException("durationMinutes must be positive: " + durationMinutes);
		}
		if (meaningfulness != null && (meaningfulness < 1 || meaningfulness > 5)) {
			throw new IllegalArgumentException("meaningfulness must be 1-5: " + meaningfulness);
		}
		questions = questions == null ? List.of() : List.copyOf(questions);
		followUps = followUps == null ? List.of() : List.copyOf(followUps);
	}

	/** Names of the top-level fields whose values differ, in declaration order, ignoring version and timestamps. */
	public static List<String> changedFields(InteractionSnapshot before, InteractionSnapshot after) {
		List<String> changed = new ArrayList<>();
		for (RecordComponent component : InteractionSnapshot.class.getRecordComponents()) {
			if (BOOKKEEPING.contains(component.getName())) {
				continue;
			}
			try {
				Object old = component.getAccessor().invoke(before);
				Object now = component.getAccessor().invoke(after);
				if (!Objects.equals(old, now)) {
					changed.add(component.getName());
				}
			} catch (ReflectiveOperationException e) {
				throw new IllegalStateException("Cannot read " + component.getName(), e);
			}
		}
		return List.copyOf(changed);
	}

	/** How the interaction took place. Unknown values from newer writers read as OTHER. */
	public enum Type {
		IN_PERSON,
		COFFEE_OR_MEAL,
		CALL,
		VIDEO_CALL,
		MESSAGE,
		EMAIL,
		EVENT,
		INTRODUCTION,
		@JsonEnumDefaultValue OTHER
	}

	/** Who reached out. Unknown values from newer writers read as null, the same as not recorded. */
	public enum Initiator {
		ME,
		THEM,
		MUTUAL
	}

	/**
	 * Something one side promised to do after the interaction; open while {@code completedAt} is null.
	 * {@code dueOn} is null when no date was agreed.
	 */
	public record FollowUp(UUID id, String text, LocalDate dueOn, Owner owedBy, Instant completedAt) {

		public FollowUp {
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(text, "text");
			Objects.requireNonNull(owedBy, "owedBy");
		}

		public boolean open() {
			return completedAt == null;
		}

		/**
		 * Who owes the follow-up: ME is the author. Unknown values from newer writers read as ME, so the follow-up
		 * still shows among the author's own to-dos rather than disappearing.
		 */
		public enum Owner {
			@JsonEnumDefaultValue ME,
			THEM
		}
	}
}
