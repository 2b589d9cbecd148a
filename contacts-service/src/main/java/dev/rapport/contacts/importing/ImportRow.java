package dev.rapport.contacts.importing;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.rapport.contacts.contact.ContactDraft;

/** One person of an imported file: what the preview said, what the job did, and the contact as read. */
public record ImportRow(@Schema(description = "1 for the first person (card or data row) in the file") int row,
		Outcome outcome, State state, @Schema(description = "Why the row is existing or invalid") String reason,
		@Schema(description = "The contact it created, while it exists") UUID contactId, ContactDraft contact) {

	/** The preview's verdict. */
	public enum Outcome {
		CREATE, EXISTING, INVALID
	}

	/** Where the row is: PENDING until the job reaches it; CREATED, SKIPPED or INVALID; UNDONE or KEPT by an undo. */
	public enum State {
		PENDING, CREATED, SKIPPED, INVALID, UNDONE, KEPT
	}

}
