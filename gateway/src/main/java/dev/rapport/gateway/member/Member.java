package dev.rapport.gateway.member;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A person who may use Rapport, in exactly one team. {@code passwordHash} is null for OIDC-only members;
 * {@code credentialsChangedAt}, when they last changed their password (null: never), ends older sessions.
 */
public record Member(UUID id, UUID teamId, String email, String displayName, String passwordHash, Set<String> roles,
		Instant createdAt, Instant credentialsChangedAt) {

	public static final String ADMIN = "admin";

	public static final String MEMBER = "member";

	/** Runs the deployment: creates teams. Not a team role: it sees no team's data by being operator. */
	public static final String OPERATOR = "operator";

	public Member {
		roles = Set.copyOf(roles);
	}

	public RapportUser user(UUID accessTokenId) {
		return new RapportUser(id, teamId, email, displayName, roles, accessTokenId);
	}

}
