package dev.rapport.contacts.contact;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.contacts.contact.ContactHandoffs.HandoffRequest;
import dev.rapport.contacts.contact.ContactHandoffs.HandoffResult;
import dev.rapport.contacts.contact.ContactHandoffs.Outcome;
import dev.rapport.platform.idempotency.IdempotencyKeys;
import dev.rapport.platform.security.Caller;

/** Handing relationships over to another member ({@code POST /api/contacts/handoff}) and a contact's history of it. */
@RestController
@Tag(name = "Contacts")
public class HandoffController {

	static final String PATH = "/api/contacts/handoff";

	/** Room for {@link ContactHandoffs#MAX_CONTACTS} ids (39 bytes each in JSON) and the rest. */
	static final DataSize MAX_BODY = DataSize.ofKilobytes(512);

	private final ContactHandoffs handoffs;

	public HandoffController(ContactHandoffs handoffs) {
		this.handoffs = handoffs;
	}

	@PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Hand relationships over to another member (team admins)",
			description = "Makes toMemberId the owner of fromMemberId's contacts: those in contactIds, or all of them "
					+ "when it is absent (private ones too: they become the new owner's), at most "
					+ ContactHandoffs.MAX_CONTACTS + " (413 beyond, naming the limit in maxContacts). Conversations "
					+ "keep their authors; the history is kept (GET /api/contacts/{id}/handoffs). All or nothing: a "
					+ "named contact that is not fromMember's in your team is 409, every such one listed in "
					+ "contactIds. One ContactHandedOff per contact: reminders-service moves the relationship and "
					+ "its open keep-in-touch and date reminders to the new owner. 403 for anyone but a team admin. "
					+ "Send an Idempotency-Key to make a resend safe (the same key and body answer with the first "
					+ "handoff, Idempotent-Replayed: true).")
	public ResponseEntity<HandoffResult> handOff(@RequestBody HandoffRequest request,
			@RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
			@Parameter(hidden = true) Caller caller) {
		Outcome outcome = handoffs.handOff(caller, request, idempotencyKey);
		ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
		if (outcome.replayed()) {
			answer.header(IdempotencyKeys.REPLAYED_HEADER, "true");
		}
		return answer.body(outcome.result());
	}

	@GetMapping("/api/contacts/{id}/handoffs")
	@Operation(summary = "A contact's handoffs, the latest first",
			description = "Who owned them before, who since, the admin who handed them over and when. 404 for a "
					+ "contact you cannot see.")
	public List<ContactHandoff> handoffs(@PathVariable UUID id, @Parameter(hidden = true) Caller caller) {
		return handoffs.ofContact(caller, id);
	}

}
