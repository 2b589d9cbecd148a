package dev.rapport.interactions.network;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A way for a teammate to reach a contact: directly (they talk with them), or through another contact they talk
 * with who is linked to the one wanted (an introduction either way, or a conversation both were part of).
 */
public record IntroductionPath(UUID memberId,
		@Schema(description = "1: the member knows the contact; 2: through the contact in via") int hops,
		@Schema(description = "The contact in between, for two hops") UUID via, Link link,
		@Schema(description = "How well the member knows the first person on the path (see Acquaintance)") double warmth,
		@Schema(description = "Conversations the member logged with the first person on the path") long conversations,
		Instant lastTalkedAt) {

	/** How the first person on the path is linked to the contact wanted. */
	public enum Link {
		/** The member talks with the contact itself. */
		DIRECT,
		/** {@code via} introduced the contact to the team (the contact's howWeMet.introducedBy). */
		INTRODUCED_THEM,
		/** The contact introduced {@code via}. */
		THEY_INTRODUCED,
		/** {@code via} and the contact were both in a conversation someone logged. */
		MET_TOGETHER
	}

}
