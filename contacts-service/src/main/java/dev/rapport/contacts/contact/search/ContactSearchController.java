package dev.rapport.contacts.contact.search;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

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

/**
 * Lists and searches contacts, a page at a time. Asked for contacts by id (a client naming an interaction's
 * participants), it answers those the caller may see, archived ones too and all on one page, unless the request's
 * own {@code archived} or {@code size} says otherwise.
 */
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
					+ "and context. Archived contacts are hidden unless archived=ARCHIVED or ALL. id (repeatable, up "
					+ "to 100) lists only those contacts, archived ones included and all on one page unless archived "
					+ "or size say otherwise; an id you cannot see or that does not exist is simply left out.")
	public PageResponse<Contact> list(
			@Parameter(description = "Only these contacts; repeat it for several (up to 100)")
			@RequestParam(required = false) @Size(max = ContactSearch.MAX_IDS) List<UUID> id,
			@RequestParam(required = false) @Size(max = 200) String q,
			@RequestParam(required = false) @Size(max = 50) String tag, @RequestParam(required = false) Tier tier,
			@Parameter(description = "ACTIVE by default; ALL when id is given")
			@RequestParam(required = false) ArchiveFilter archived, @RequestParam(required = false) Sort sort,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@Parameter(description = "1 to 100; 20 by default, 100 when id is given")
			@RequestParam(required = false) @Min(1) @Max(PageResponse.MAX_SIZE) Integer size,
			@Parameter(hidden = true) Caller caller) {
		List<UUID> ids = id == null ? List.of() : id.stream().filter(Objects::nonNull).distinct().toList();
		Sort order = sort != null ? sort : (q == null || q.isBlank() ? Sort.NAME : Sort.RELEVANCE);
		ArchiveFilter shown = archived != null ? archived : ids.isEmpty() ? ArchiveFilter.ACTIVE : ArchiveFilter.ALL;
		int pageSize = size != null ? size : ids.isEmpty() ? PageResponse.DEFAULT_SIZE : PageResponse.MAX_SIZE;
		return search.search(caller, new ContactQuery(ids, q, tag, tier, shown, order, page, pageSize));
	}

}
