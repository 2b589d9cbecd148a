package dev.rapport.analytics.coverage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.analytics.coverage.SingleOwnerRisk.Cursor;
import dev.rapport.analytics.coverage.SingleOwnerRisk.Page;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.ApiException;

/** Coverage: the caller's team's contacts that only one teammate has talked to lately. */
@RestController
@RequestMapping("/api/insights")
@Tag(name = "Insights", description = "Team insights from the analytics stream")
public class SingleOwnerRiskController {

	private final SingleOwnerRisk risk;

	public SingleOwnerRiskController(SingleOwnerRisk risk) {
		this.risk = risk;
	}

	@GetMapping("/single-owner-risk")
	@Operation(summary = "Single-owner risk",
			description = "Contacts only one teammate has talked to in the last 90 days, the longest since first. "
					+ "Pass `nextCursor` back as `cursor` for the next page.")
	public Page singleOwnerRisk(
			@Parameter(description = "Items per page, 1 to 200") @RequestParam(defaultValue = "50") int limit,
			@Parameter(description = "The nextCursor of the previous page") @RequestParam(required = false) String cursor,
			@Parameter(hidden = true) Caller caller) {
		if (limit < 1 || limit > SingleOwnerRisk.MAX_LIMIT) {
			throw ApiException.invalid("limit", "must be between 1 and " + SingleOwnerRisk.MAX_LIMIT);
		}
		Cursor after = null;
		if (cursor != null && !cursor.isEmpty()) {
			try {
				after = Cursor.decode(cursor);
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.invalid("cursor", "is not a cursor this API gave out");
			}
		}
		return risk.page(caller.teamId(), limit, after);
	}

}
