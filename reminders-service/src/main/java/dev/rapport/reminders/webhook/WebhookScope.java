package dev.rapport.reminders.webhook;

/** Whose events a webhook receives: its owner's own, or (made by an admin) those of everyone in the team. */
public enum WebhookScope {
	MEMBER, TEAM
}
