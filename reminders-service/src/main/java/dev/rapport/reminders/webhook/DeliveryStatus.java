package dev.rapport.reminders.webhook;

/** Where a delivery stands: waiting for its first attempt, sent, waiting for a retry, or given up on. */
public enum DeliveryStatus {
	PENDING, DELIVERED, FAILED, GAVE_UP
}
