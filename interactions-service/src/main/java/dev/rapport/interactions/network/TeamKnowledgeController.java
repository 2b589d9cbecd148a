package dev.rapport.interactions.network;

import java.util.List;
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

import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.PageResponse;

/** Who in the team knows a contact, who could introduce you, and whom only one of you knows: what only a team can know. */
@RestController
@Tag(name = "Team knowledge", description = "Who knows whom in the team, and warm introductions")
public class TeamKnowledgeController {

	private final TeamKnowledge knowledge;

	public TeamKnowledgeController(TeamKnowledge knowledge) {
		this.knowledge = knowledge;
	}

	@GetMapping("/api/contacts/{contactId}/known-by")
	@Operation(summary = "The teammates who have talked with a contact, warmest first",
			description = "From the conversations each member logged with them: how many, how many in 90 days, the "
					+ "first and the last, and a warmth that favours recent and frequent. 404 for a contact you "
					+ "cannot see.")
	public KnownBy knownBy(@PathVariable UUID contactId, @Parameter(hidden = true) Caller caller) {
		return knowledge.knownBy(caller, contactId);
	}

	@GetMapping("/api/contacts/{contactId}/introductions")
	@Operation(summary = "Who can introduce you to a contact: each teammate's best path, shortest and warmest first",
			description = "Directly (they talk with them), or through a contact they talk with who introduced them, "
					+ "whom they introduced, or who was in a conversation with them; only through contacts you can "
					+ "see. Includes you, when you know the way yourself. 404 for a contact you cannot see.")
	public List<IntroductionPath> introductions(@PathVariable UUID contactId,
			@RequestParam(defaultValue = "10") @Min(1) @Max(50) int limit, @Parameter(hidden = true) Caller caller) {
		return knowledge.introductions(caller, contactId, limit);
	}

	@GetMapping("/api/interactions/single-owner-risks")
	@Operation(summary = "Contacts only one teammate has talked with in the last 365 days, the longest silence first",
			description = "Each with that member, the contact's owner, their conversations in the window and the last. "
					+ "Only contacts you can see (the team's shared ones and your own; not archived), so a teammate's "
					+ "private contact is never listed. member: only those whose one teammate is that member (e.g. "
					+ "one who is leaving). Paged: page from 0, size 1-100 (default 20).")
	public PageResponse<SingleOwnerRisk> singleOwnerRisks(@RequestParam(required = false) UUID member,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "" + PageResponse.DEFAULT_SIZE) @Min(1) @Max(PageResponse.MAX_SIZE) int size,
			@Parameter(hidden = true) Caller caller) {
		return knowledge.singleOwnerRisks(caller, member, page, size);
	}

}
