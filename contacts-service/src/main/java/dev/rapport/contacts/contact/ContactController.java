package dev.rapport.contacts.contact;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
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
import dev.rapport.platform.web.MergePatch;
import dev.rapport.platform.web.Versions;

/** The contacts API: create, read, merge-patch, archive, merge, erase. Listing and search live in {@code search}. */
@RestController
@RequestMapping("/api/contacts")
@Tag(name = "Contacts", description = "People you know and what is going on in their lives")
public class ContactController {

	private final ContactService contacts;

	public ContactController(ContactService contacts) {
		this.contacts = contacts;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Create a contact", description = "Private to its owner unless visibility is TEAM. Send an "
			+ "Idempotency-Key (e.g. a UUID) to make a resend safe: the same key and body within a day answer with the "
			+ "contact the first request created (header Idempotent-Replayed: true) and create nothing; the same key "
			+ "with another body is 422.")
	public ResponseEntity<Contact> create(@RequestBody ContactDraft draft,
			@RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
			@Parameter(hidden = true) Caller caller) {
		Created<Contact> created = contacts.create(caller, draft, idempotencyKey);
		Contact contact = created.resource();
		return created.response(URI.create("/api/contacts/" + contact.id()), contact.etag());
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get a contact", description = "The ETag carries the version, for If-Match on PATCH.")
	public ResponseEntity<Contact> get(@PathVariable UUID id, @Parameter(hidden = true) Caller caller) {
		Contact contact = contacts.get(caller, id);
		return ResponseEntity.ok().eTag(contact.etag()).body(contact);
	}

	@PatchMapping(path = "/{id}", consumes = { MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE })
	@Operation(summary = "Change a contact (JSON merge-patch, RFC 7396)",
			description = "Members you send replace the stored ones, null removes one, objects merge. Send If-Match "
					+ "with the ETag you read (412 when someone changed it since) or a version member (409).")
	public ResponseEntity<Contact> patch(@PathVariable UUID id, @RequestBody JsonNode patch,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Parameter(hidden = true) Caller caller) {
		Contact contact = contacts.patch(caller, id, patch, Versions.fromIfMatch(ifMatch));
		return ResponseEntity.ok().eTag(contact.etag()).body(contact);
	}

	@PostMapping("/{id}/archive")
	@Operation(summary = "Archive a contact", description = "Hidden from lists and reminders, kept for history.")
	public ResponseEntity<Contact> archive(@PathVariable UUID id, @Parameter(hidden = true) Caller caller) {
		Contact contact = contacts.archive(caller, id, true);
		return ResponseEntity.ok().eTag(contact.etag()).body(contact);
	}

	@PostMapping("/{id}/unarchive")
	@Operation(summary = "Bring an archived contact back")
	public ResponseEntity<Contact> unarchive(@PathVariable UUID id, @Parameter(hidden = true) Caller caller) {
		Contact contact = contacts.archive(caller, id, false);
		return ResponseEntity.ok().eTag(contact.etag()).body(contact);
	}

	@PostMapping(path = "/{id}/merge", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Merge a duplicate into this contact",
			description = "Two records of one person become this one: where this contact has a value it wins and the "
					+ "duplicate fills the blanks; emails, phones, tags, interests and dates are unioned (one birthday, "
					+ "this one's), the duplicate's context is appended; shared with the team if either was. Contacts "
					+ "the duplicate introduced are introduced by this one. The duplicate is gone: reading it answers "
					+ "301 to this contact, changing it 410, both naming it in mergedInto; its conversations, "
					+ "follow-ups and relationship history move here (ContactMerged). You must be able to see both, "
					+ "and own the duplicate or be a team admin (403). Sending it again after it succeeded changes "
					+ "nothing. If-Match (this contact's ETag) makes it conditional (412).")
	public ResponseEntity<Contact> merge(@PathVariable UUID id, @RequestBody MergeRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Parameter(hidden = true) Caller caller) {
		Contact contact = contacts.merge(caller, id, request.duplicateId(), Versions.fromIfMatch(ifMatch));
		return ResponseEntity.ok().eTag(contact.etag()).body(contact);
	}

	/** Which contact to merge into the one in the path. */
	public record MergeRequest(@Schema(description = "The duplicate, merged away", requiredMode = RequiredMode.REQUIRED)
	UUID duplicateId) {
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Erase a contact",
			description = "A hard delete for erasure requests; other services erase their copies on ContactDeleted.")
	public ResponseEntity<Void> delete(@PathVariable UUID id, @Parameter(hidden = true) Caller caller) {
		contacts.delete(caller, id);
		return ResponseEntity.noContent().build();
	}

}
