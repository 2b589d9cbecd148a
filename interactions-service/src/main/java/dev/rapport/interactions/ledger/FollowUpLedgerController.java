package dev.rapport.interactions.ledger;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.events.InteractionSnapshot.FollowUp.Owner;
import dev.rapport.interactions.ledger.FollowUpLedger.LedgerQuery;
import dev.rapport.interactions.ledger.FollowUpLedger.Status;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.PageResponse;
import dev.rapport.platform.web.RequestTimeZone;

/**
 * The follow-up ledger: every follow-up of the interactions the caller wrote, a page at a time. "Today", which
 * decides what is overdue, is the caller's date in {@code tz}, else the {@code X-Time-Zone} header, else UTC.
 */
@RestController
@Tag(name = "Follow-ups", description = "What you promised and what you were promised, overdue first")
public class FollowUpLedgerController {

	private final FollowUpLedger ledger;

	public FollowUpLedgerController(FollowUpLedger ledger) {
		this.ledger = ledger;
	}

	@GetMapping("/api/follow-ups")
	@Operation(summary = "Your follow-ups, overdue first",
			description = "The follow-ups of the interactions you wrote: owedBy=ME what you owe, THEM what is owed "
					+ "to you. Open before completed, then by due date (none last, so overdue first), then newest "
					+ "interaction first.")
	public PageResponse<LedgerEntry> followUps(
			@Parameter(description = "Who owes it; both when left out") @RequestParam(required = false) Owner owedBy,
			@RequestParam(defaultValue = "OPEN") Status status,
			@Parameter(description = "Only interactions with this participant")
			@RequestParam(required = false) UUID contactId,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "" + PageResponse.DEFAULT_SIZE) @Min(1) @Max(PageResponse.MAX_SIZE) int size,
			@Parameter(description = "Time zone of your today, such as Europe/Paris; else X-Time-Zone, else UTC")
			@RequestParam(name = RequestTimeZone.PARAMETER, required = false) String tz,
			@RequestHeader(name = RequestTimeZone.HEADER, required = false) String timeZone,
			@Parameter(hidden = true) Caller caller) {
		return ledger.page(caller, new LedgerQuery(owedBy, status, contactId, page, size),
				RequestTimeZone.of(tz, timeZone));
	}

}
