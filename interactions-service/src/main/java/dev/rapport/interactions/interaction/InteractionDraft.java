package dev.rapport.interactions.interaction;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.rapport.events.InteractionSnapshot.FollowUp.Owner;
import dev.rapport.events.InteractionSnapshot.Initiator;
import dev.rapport.events.InteractionSnapshot.Type;
import dev.rapport.platform.web.ApiException;
import dev.rapport.platform.web.Problems.FieldProblem;
import dev.rapport.platform.web.WritableFields;

/**
 * Everything an author may set on an interaction: the body of a create, and the document a merge-patch applies
 * to. Server-owned fields (id, team, author, timestamps, version) and follow-up completion (its own endpoints) are
 * not here, so sending them is an error; {@link #checkMembers} says so before anything is read, and the
 * constraints here plus {@link #checkHappenedBy} decide what a well-formed interaction is.
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

	/** Clients' clocks drift; an interaction "just now" may arrive stamped a little ahead of ours. */
	static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

	/** What a body may name; the server owns the rest. */
	private static final WritableFields FIELDS = WritableFields.of(InteractionDraft.class, "id", "teamId",
			"authorId", "createdAt", "updatedAt");

	/** Completion has its own endpoints (and events). */
	private static final Set<String> FOLLOW_UP_READ_ONLY = Set.of("completed", "completedAt");

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

	/**
	 * The members of a body ({@code patch}: of a merge-patch, which may carry a {@code version}), once server-owned
	 * and unknown ones are refused, each named, before anything is read.
	 */
	static ObjectNode checkMembers(JsonNode body, boolean patch) {
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

	/** The members of a body that logs an interaction, checked; one without {@code happenedAt} happened {@code now}. */
	static ObjectNode checkLogged(JsonNode body, Instant now) {
		ObjectNode members = checkMembers(body, false);
		if (!members.has("happenedAt")) {
			// Logged as it happens ("just had coffee with Ada"): now, by this service's clock. An explicit null is
			// still an error.
			members.put("happenedAt", now.toString());
		}
		return members;
	}

	/** An interaction is logged once it happened: {@code happenedAt} may not be ahead of {@code now} (400). */
	void checkHappenedBy(Instant now) {
		if (happenedAt.isAfter(now.plus(FUTURE_TOLERANCE))) {
			throw ApiException.invalid("happenedAt", "cannot be in the future: log an interaction once it happened");
		}
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
