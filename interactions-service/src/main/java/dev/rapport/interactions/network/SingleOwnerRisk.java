package dev.rapport.interactions.network;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** A contact only one teammate has talked with lately: what the team loses if that member leaves. */
public record SingleOwnerRisk(
		@Schema(requiredMode = RequiredMode.REQUIRED) UUID contactId,
		@Schema(description = "The one member who talked with them in the window", requiredMode = RequiredMode.REQUIRED)
		UUID memberId,
		@Schema(description = "Who owns the contact (may be someone else than memberId)",
				requiredMode = RequiredMode.REQUIRED) UUID ownerId,
		@Schema(description = "That member's conversations with them in the window", requiredMode = RequiredMode.REQUIRED)
		long conversations,
		@Schema(description = "Their last conversation", requiredMode = RequiredMode.REQUIRED) Instant lastTalkedAt) {
}
