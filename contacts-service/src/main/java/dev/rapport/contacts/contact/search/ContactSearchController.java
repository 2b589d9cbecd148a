package dev.rapport.contacts.contact.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.contacts.contact.Contact;
import dev.rapport.contacts.contact.search.ContactSearch.ArchiveFilter;
import dev.rapport.contacts.contact.search.ContactSearch.ContactQuery;
import dev.rapport.contacts.contact.search.ContactSearch.Sort;
import dev.rapport.events.ContactSnapshot.Cadence.Tier;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.PageResponse;

/** Lists and searches contacts, a page at a time. */
@RestController
@RequestMapping("/api/contacts")
@Tag(name = "Contacts")
public class ContactSearchController {

	private final ContactSearch search;

	public ContactSearchController(ContactSearch search) {
		this.search = search;
	}

	@GetMapping
	@Operation(summary = "List or search contacts",
			description = "q matches every word anywhere in name, company, title, location, emails, tags, interests "
					+ "and context. Archived contacts are hidden unless archived=ARCHIVED or ALL.")
	public PageResponse<Contact> list(@RequestParam(required = false) @Size(max = 200) String q,
			@RequestParam(required = false) @Size(max = 50) String tag, @RequestParam(required = false) Tier tier,
			@RequestParam(defaultValue = "ACTIVE") ArchiveFilter archived, @RequestParam(required = false) Sort sort,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "" + PageResponse.DEFAULT_SIZE) @Min(1) @Max(PageResponse.MAX_SIZE) int size,
			@Parameter(hidden = true) Caller caller) {
		Sort order = sort != null ? sort : (q == null || q.isBlank() ? Sort.NAME : Sort.RELEVANCE);
		return search.search(caller, new ContactQuery(q, tag, tier, archived, order, page, size));
	}

}
