package dev.rapport.interactions.network;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** How well one teammate knows one contact, from the conversations that teammate logged with them. */
public record Acquaintance(UUID memberId,
		@Schema(description = "Conversations this member logged with the contact, ever") long conversations,
		@Schema(description = "Of those, in the last 90 days") long conversationsLast90Days, Instant firstTalkedAt,
		Instant lastTalkedAt,
		@Schema(description = "Each conversation counts 1 on its day and half as much every 90 days after: recent "
				+ "and frequent beats long ago") double warmth) {
}
