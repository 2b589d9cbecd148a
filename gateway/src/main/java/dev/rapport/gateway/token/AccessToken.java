package dev.rapport.gateway.token;

import java.time.Instant;
import java.util.UUID;

/** A personal access token as stored: its hash, never the secret. {@code prefix} lets a user tell tokens apart. */
public record AccessToken(UUID id, UUID memberId, String name, String prefix, Instant createdAt, Instant expiresAt,
		Instant lastUsedAt, Instant revokedAt) {

	public boolean usableAt(Instant now) {
		return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
	}

}
