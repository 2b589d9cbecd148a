package dev.rapport.contacts.contact.duplicates;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.contacts.contact.duplicates.DuplicateDetector.Pair;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.PageResponse;

/** Likely duplicates for review: {@code GET /api/contacts/duplicates}. */
@RestController
@RequestMapping("/api/contacts/duplicates")
@Tag(name = "Contacts")
public class DuplicatesController {

	private final DuplicateSearch duplicates;

	public DuplicatesController(DuplicateSearch duplicates) {
		this.duplicates = duplicates;
	}

	@GetMapping
	@Operation(summary = "List likely duplicates",
			description = "Pairs of contacts you can see that look like one person, each with why: SAME_EMAIL "
					+ "(case-insensitive), SAME_PHONE (compared in E.164; a number without a country code is read in "
					+ "the deployment's rapport.contacts.phone-region, US by default) or SIMILAR_NAME_SAME_COMPANY (the "
					+ "same words in any order, without case or accents, and the same company without its legal form). "
					+ "The contact created first is first. Ordered by reason, then the first's name and id; a value "
					+ "more than 10 contacts share (a switchboard number) is ignored.")
	public PageResponse<Pair> list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "" + PageResponse.DEFAULT_SIZE) @Min(1) @Max(PageResponse.MAX_SIZE) int size,
			@Parameter(hidden = true) Caller caller) {
		return duplicates.page(caller, page, size);
	}

}
