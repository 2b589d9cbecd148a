package dev.rapport.gateway.member;

import java.io.Serializable;
import java.util.Set;
import java.util.UUID;

/**
 * The authenticated caller, however they signed in (session, personal access token, OIDC): what the gateway puts
 * in the platform token it forwards. {@code accessTokenId} is set when a personal access token was used. Serializable:
 * a browser session keeps it, in Redis when sessions are shared.
 */
public record RapportUser(UUID userId, UUID teamId, String email, String displayName, Set<String> roles,
		UUID accessTokenId) implements Serializable {

	public RapportUser {
		roles = Set.copyOf(roles);
	}

	public boolean hasRole(String role) {
		return roles.contains(role);
	}

}
