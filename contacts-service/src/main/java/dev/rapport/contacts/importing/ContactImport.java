package dev.rapport.contacts.importing;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** An import as the API shows it: the file, its preview, and how far its job has come. */
public record ContactImport(UUID id, String fileName, ImportFormat format, String encoding, String contentSha256,
		long sizeBytes, @Schema(description = "The tag every contact this import creates carries") String tag,
		Status status, @Schema(description = "Rows (people) in the file") int totalRows,
		@Schema(description = "Rows the job has dealt with: created, skipped or invalid") int rowsDone,
		Preview preview, Results results,
		@Schema(description = "An earlier import of yours of the very same file, if any") UUID sameFileAs,
		Instant createdAt, Instant confirmedAt, Instant finishedAt, Instant undoneAt) {

	/** PREVIEW until confirmed; RUNNING while contacts are created; DONE; UNDOING while undone, then UNDONE. */
	public enum Status {
		PREVIEW, RUNNING, DONE, UNDOING, UNDONE
	}

	/** What the preview found: rows it would create, rows that look like someone you have, rows it cannot read. */
	public record Preview(int create, int existing, int invalid) {
	}

	/**
	 * What happened: contacts created, rows skipped (existing), rows invalid, rows still pending; after an undo,
	 * contacts erased ({@code undone}) and contacts kept because they were changed since ({@code kept}).
	 */
	public record Results(int created, int skipped, int invalid, int pending, int undone, int kept) {
	}

}
