package dev.rapport.interactions.interaction;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.rapport.events.InteractionSnapshot.FollowUp.Owner;
import dev.rapport.events.InteractionSnapshot.Initiator;
import dev.rapport.events.InteractionSnapshot.Type;

/**
 * Everything an author may set on an interaction: the body of a create, and the document a merge-patch applies
 * to. Server-owned fields (id, team, author, timestamps, version) and follow-up completion (its own endpoints) are
 * not here, so sending them is an error.
 */
public record InteractionDraft(@NotEmpty @Size(max = 50) List<@NotNull UUID> participantIds, @NotNull Type type,
		@NotNull Instant happenedAt, @NotBlank @Size(max = 64) String timeZone,
		@Min(1) @Max(MAX_DURATION_MINUTES) Integer durationMinutes, @Size(max = 200) String place,
		Initiator initiatedBy, @Size(max = 500) String summary, @Size(max = 20_000) String notes,
		@Size(max = 50) List<@NotBlank @Size(max = 1000) String> learned,
		@Size(max = 50) List<@NotBlank @Size(max = 500) String> questions,
		@Size(max = 50) List<@Valid @NotNull FollowUpDraft> followUps, @Min(1) @Max(5) Integer meaningfulness) {

	/** Cross-field rules (the {@code @AssertTrue} methods) and the field each is reported on. */
	static final Map<String, String> RULE_TO_FIELD = Map.of("knownTimeZone", "timeZone");


	/** A week: longer is a trip, not an interaction. */
	static final int MAX_DURATION_MINUTES = 7 * 24 * 60;

	public InteractionDraft {
		// The same contact named twice is one participant.
		participantIds = participantIds == null ? List.of() : participantIds.stream().distinct().toList();
		learned = learned == null ? List.of() : learned;
		questions = questions == null ? List.of() : questions;
		followUps = followUps == null ? List.of() : followUps;
		timeZone = timeZone == null ? null : timeZone.strip();
		// PostgreSQL keeps microseconds; so does the API, so a read returns exactly what the write did.
		happenedAt = happenedAt == null ? null : happenedAt.truncatedTo(ChronoUnit.MICROS);
		summary = blankToNull(summary);
		place = blankToNull(place);
		notes = blankToNull(notes);
	}

	/** An IANA region such as {@code Europe/Paris} (or UTC): the user's local day depends on it, not an offset. */
	@AssertTrue(message = "must be an IANA time zone such as Europe/Paris")
	boolean isKnownTimeZone() {
		if (timeZone == null || timeZone.isBlank()) {
			return true; // reported by @NotBlank
		}
		try {
			ZoneId zone = ZoneId.of(timeZone);
			return !(zone instanceof ZoneOffset) && !timeZone.startsWith("GMT+") && !timeZone.startsWith("UTC+")
					&& !timeZone.startsWith("GMT-") && !timeZone.startsWith("UTC-");
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	/** A promise made during the interaction. {@code id} names an existing follow-up in a patch; new ones have none. */
	public record FollowUpDraft(UUID id, @NotBlank @Size(max = 500) String text, LocalDate dueOn, Owner owedBy) {

		public FollowUpDraft {
			owedBy = owedBy == null ? Owner.ME : owedBy;
			text = text == null ? null : text.strip();
		}

	}

}
