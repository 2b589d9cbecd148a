package dev.rapport.reminders.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * An endpoint that receives deliveries: a member's own ({@link WebhookScope#MEMBER}, their reminders and cooling
 * relationships) or the team's ({@link WebhookScope#TEAM}, made by an admin: everyone's, for contacts shared with the
 * team). {@code secret} signs every delivery.
 */
record Webhook(UUID id, UUID teamId, UUID ownerId, WebhookScope scope, String url, WebhookFormat format,
		String description, String secret, Instant createdAt) {
}
