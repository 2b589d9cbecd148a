package dev.rapport.platform.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;

import dev.rapport.tokens.TokenClaims;

/** Who is calling: the user, their team and roles, taken only from a verified platform token. */
public record Caller(UUID userId, UUID teamId, Set<String> roles) {

	public Caller {
		roles = Set.copyOf(roles);
	}

	public boolean hasRole(String role) {
		return roles.contains(role);
	}

	/** Reads a token that {@link PlatformJwtDecoders} has already verified (signature, issuer, audience, expiry, claims). */
	public static Caller from(Jwt jwt) {
		Collection<String> roles = jwt.hasClaim(TokenClaims.ROLES) ? jwt.getClaimAsStringList(TokenClaims.ROLES) : List.of();
		return new Caller(UUID.fromString(jwt.getSubject()), UUID.fromString(jwt.getClaimAsString(TokenClaims.TEAM)),
				Set.copyOf(roles));
	}

}
