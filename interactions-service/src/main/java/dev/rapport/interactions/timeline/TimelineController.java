package dev.rapport.interactions.timeline;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.interactions.contact.ContactDirectory;
import dev.rapport.interactions.interaction.Interaction;
import dev.rapport.interactions.interaction.InteractionService;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.PageResponse;

/**
 * A contact's timeline: the interactions with them that the caller may read, newest first. A contact the caller
 * cannot see (another team's, a teammate's private one, an erased one) has no timeline: 404.
 */
@RestController
@Tag(name = "Timeline", description = "Everything that happened with one contact")
public class TimelineController {

	private final ContactDirectory contacts;

	private final InteractionService interactions;

	public TimelineController(ContactDirectory contacts, InteractionService interactions) {
		this.contacts = contacts;
		this.interactions = interactions;
	}

	@GetMapping("/api/contacts/{contactId}/interactions")
	@Operation(summary = "A contact's interactions, newest first",
			description = "Those you wrote, and teammates' ones whose every participant you can see.")
	public PageResponse<Interaction> timeline(@PathVariable UUID contactId,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "" + PageResponse.DEFAULT_SIZE) @Min(1) @Max(PageResponse.MAX_SIZE) int size,
			@Parameter(hidden = true) Caller caller) {
		contacts.requireVisible(caller, contactId);
		return interactions.timeline(caller, contactId, page, size);
	}

}
