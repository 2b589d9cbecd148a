package dev.rapport.reminders.webhook;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One entry of a webhook's delivery log, as its owner reads it: what was sent, how it went the last time, and when
 * it is tried again ({@code nextAttemptAt}, null once delivered or given up).
 */
@Schema(name = "WebhookDelivery")
public record Delivery(UUID id, String eventType, DeliveryStatus status, int attempts, Integer lastStatusCode,
		String lastError, Instant nextAttemptAt, Instant createdAt, Instant deliveredAt) {
}
