package dev.rapport.events;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A team member's latest state, on the compacted {@link Topics#MEMBERS_STATE}: published by the gateway (identity is
 * its job) when a member joins and after every change of them, so a service that needs the team's members (a digest
 * mailed to each) rebuilds them from offset zero without calling the gateway. Keyed by member id (the compaction key).
 * A removed member's key gets a tombstone (a record with a null value) instead. Carries the member's email and name:
 * personal data, not for the analytics tier.
 */
public record MemberState(
		UUID eventId,
		Instant occurredAt,
		int schemaVersion,
		UUID memberId,
		UUID teamId,
		String email,
		String displayName,
		List<String> roles,
		Instant joinedAt) implements RapportEvent {

	public static final int SCHEMA_VERSION = 1;

	public MemberState {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(memberId, "memberId");
		Objects.requireNonNull(teamId, "teamId");
		Objects.requireNonNull(email, "email");
		Objects.requireNonNull(displayName, "displayName");
		Objects.requireNonNull(joinedAt, "joinedAt");
		// Sorted, so two records of the same state are the same JSON.
		roles = List.copyOf(Objects.requireNonNull(roles, "roles")).stream().sorted().toList();
	}

	public static MemberState of(UUID memberId, UUID teamId, String email, String displayName,
			Collection<String> roles, Instant joinedAt, Instant occurredAt) {
		return new MemberState(UUID.randomUUID(), occurredAt, SCHEMA_VERSION, memberId, teamId, email, displayName,
				List.copyOf(roles), joinedAt);
	}

	@Override
	public String key() {
		return memberId.toString();
	}
}
