package dev.rapport.reminders.webhook;

/**
 * What a delivery's body looks like: Rapport's JSON (Standard Webhooks), a Slack incoming-webhook message, or an
 * ntfy notification. Every format carries the same signed headers.
 */
public enum WebhookFormat {
	STANDARD, SLACK, NTFY
}
