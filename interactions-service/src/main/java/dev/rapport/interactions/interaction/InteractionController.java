package dev.rapport.interactions.interaction;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.platform.idempotency.IdempotencyKeys;
import dev.rapport.platform.idempotency.IdempotencyKeys.Created;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.ApiException;
import dev.rapport.platform.web.MergePatch;
import dev.rapport.platform.web.Versions;

/** The interactions API: log, read, merge-patch, delete, and complete or reopen a follow-up. */
@RestController
@RequestMapping("/api/interactions")
@Tag(name = "Interactions", description = "What happened between you and your contacts, and what comes next")
public class InteractionController {

	private final InteractionService interactions;

	public InteractionController(InteractionService interactions) {
		this.interactions = interactions;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Log an interaction",
			description = "Participants must be contacts of your team that you can see. Notes are private to you; "
					+ "teammates who can see every participant read the rest. Send an Idempotency-Key (e.g. a UUID) to "
					+ "make a resend safe: the same key and body within a day answer with the interaction the first "
					+ "request logged (header Idempotent-Replayed: true) and log nothing; another body is 422.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = InteractionDraft.class))))
	public ResponseEntity<Interaction> log(@RequestBody JsonNode body,
			@RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
			@Parameter(hidden = true) Caller caller) {
		Created<Interaction> created = interactions.log(caller, body, idempotencyKey);
		Interaction interaction = created.resource();
		return created.response(URI.create("/api/interactions/" + interaction.id()), interaction.etag());
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get an interaction", description = "The ETag carries the version, for If-Match on PATCH.")
	public ResponseEntity<Interaction> get(@PathVariable UUID id, @Parameter(hidden = true) Caller caller) {
		Interaction interaction = interactions.get(caller, id);
		return ResponseEntity.ok().eTag(interaction.etag()).body(interaction);
	}

	@PatchMapping(path = "/{id}", consumes = { MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE })
	@Operation(summary = "Change an interaction (JSON merge-patch, RFC 7396)",
			description = "Members you send replace the stored ones, null removes one. followUps is replaced whole: "
					+ "items with an existing id keep it and its completion, items without one are new. Send "
					+ "If-Match with the ETag you read (412 when stale) or a version member (409). Author only.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = InteractionDraft.class))))
	public ResponseEntity<Interaction> patch(@PathVariable UUID id, @RequestBody JsonNode patch,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Parameter(hidden = true) Caller caller) {
		Interaction interaction = interactions.patch(caller, id, patch, Versions.fromIfMatch(ifMatch));
		return ResponseEntity.ok().eTag(interaction.etag()).body(interaction);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete an interaction", description = "The author or a team admin.")
	public ResponseEntity<Void> delete(@PathVariable UUID id, @Parameter(hidden = true) Caller caller) {
		interactions.delete(caller, id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/follow-ups/{followUpId}/complete")
	@Operation(summary = "Mark a follow-up done", description = "Already done is a no-op. Author only.")
	public ResponseEntity<Interaction> complete(@PathVariable UUID id, @PathVariable UUID followUpId,
			@Parameter(hidden = true) Caller caller) {
		Interaction interaction = interactions.setFollowUpCompleted(caller, id, followUpId, true);
		return ResponseEntity.ok().eTag(interaction.etag()).body(interaction);
	}

	@PostMapping("/{id}/follow-ups/{followUpId}/reopen")
	@Operation(summary = "Reopen a follow-up", description = "Already open is a no-op. Author only.")
	public ResponseEntity<Interaction> reopen(@PathVariable UUID id, @PathVariable UUID followUpId,
			@Parameter(hidden = true) Caller caller) {
		Interaction interaction = interactions.setFollowUpCompleted(caller, id, followUpId, false);
		return ResponseEntity.ok().eTag(interaction.etag()).body(interaction);
	}

	/** {@code "3"} or {@code W/"3"} to 3; {@code *} or no header to null (no precondition). */

}
