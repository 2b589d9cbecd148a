package dev.rapport.contacts.contact.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.contacts.contact.Contact;
import dev.rapport.contacts.contact.ContactRepository;
import dev.rapport.events.ContactSnapshot.Cadence.Tier;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.PageResponse;

/**
 * Lists and searches the contacts a caller may see: their team's shared contacts and their own private ones.
 * Free text matches every word as a substring of name, company, title, location, emails, tags, interests and
 * context, served by a trigram index so it stays fast at 100,000 contacts (see README for figures). Part of the
 * contact feature: it queries the contact table's own search columns through {@code ContactRepository}.
 */
@Service
public class ContactSearch {

	static final int MAX_TERMS = 8;

	/** How many contacts one list may ask for by id: a page's worth, so they all fit on one. */
	public static final int MAX_IDS = PageResponse.MAX_SIZE;

	/** Beyond this many matches a list says "10,000+" instead of counting every row of a broad search. */
	static final int COUNT_CAP = 10_000;

	private final ContactRepository contacts;

	public ContactSearch(ContactRepository contacts) {
		this.contacts = contacts;
	}

	@Transactional(readOnly = true)
	public PageResponse<Contact> search(Caller caller, ContactQuery query) {
		Map<String, Object> params = new HashMap<>();
		String where = where(caller, query, params);
		contacts.planEachSearchForItsTerms();
		List<Contact> page = contacts.query(where + " " + orderBy(query, params), params, query.size(),
				(long) query.page() * query.size());
		if (page.size() < query.size() && (query.page() == 0 || !page.isEmpty())) {
			return PageResponse.of(page, query.page(), query.size(), (long) query.page() * query.size() + page.size());
		}
		long total = contacts.count(where, params, COUNT_CAP + 1);
		return total > COUNT_CAP ? PageResponse.of(page, query.page(), query.size(), COUNT_CAP, false)
				: PageResponse.of(page, query.page(), query.size(), total);
	}

	static String where(Caller caller, ContactQuery query, Map<String, Object> params) {
		List<String> clauses = new ArrayList<>();
		clauses.add("c.team_id = :team");
		clauses.add("(c.visibility = 'TEAM' or c.owner_id = :user)");
		params.put("team", caller.teamId());
		params.put("user", caller.userId());
		if (!query.ids().isEmpty()) {
			clauses.add("c.id = any(:ids)");
			params.put("ids", new SqlArrayValue("uuid", query.ids().toArray()));
		}
		switch (query.archived()) {
			case ACTIVE -> clauses.add("not c.archived");
			case ARCHIVED -> clauses.add("c.archived");
			case ALL -> {
			}
		}
		if (query.tag() != null) {
			clauses.add("c.tags @> array[cast(:tag as text)]");
			params.put("tag", query.tag().strip().toLowerCase(Locale.ROOT));
		}
		if (query.tier() != null) {
			clauses.add("c.cadence_tier = :tier");
			params.put("tier", query.tier().name());
		}
		List<String> terms = terms(query.q());
		for (int i = 0; i < terms.size(); i++) {
			clauses.add("c.search_text like :term" + i + " escape '\\'");
			params.put("term" + i, "%" + escapeLike(terms.get(i)) + "%");
		}
		return "where " + String.join(" and ", clauses);
	}

	static String orderBy(ContactQuery query, Map<String, Object> params) {
		return switch (query.sort()) {
			case NAME -> "order by lower(c.display_name), c.id";
			case RECENTLY_UPDATED -> "order by c.updated_at desc, c.id";
			case RECENTLY_CREATED -> "order by c.created_at desc, c.id";
			case RELEVANCE -> {
				if (terms(query.q()).isEmpty()) {
					yield "order by lower(c.display_name), c.id";
				}
				// Contacts whose name matches the first word come first, then the rest; by name within each, so
				// pages are stable. Cheap to compute for thousands of matches, unlike a similarity score.
				yield "order by (lower(c.display_name) like :term0 escape '\\') desc, lower(c.display_name), c.id";
			}
		};
	}

	static List<String> terms(String q) {
		if (q == null || q.isBlank()) {
			return List.of();
		}
		return Arrays.stream(q.toLowerCase(Locale.ROOT).strip().split("\\s+")).distinct().limit(MAX_TERMS).toList();
	}

	private static String escapeLike(String term) {
		return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/** Filters and paging for {@link #search}; {@code ids}, when not empty, lists only those contacts. */
	public record ContactQuery(List<UUID> ids, String q, String tag, Tier tier, ArchiveFilter archived, Sort sort,
			int page, int size) {

		public ContactQuery {
			ids = List.copyOf(ids);
		}

	}

	/** Which contacts a list shows; archived ones are hidden unless asked for. */
	public enum ArchiveFilter {

		ACTIVE, ARCHIVED, ALL

	}

	/** List order; RELEVANCE is the default when searching, NAME otherwise. */
	public enum Sort {

		RELEVANCE, NAME, RECENTLY_UPDATED, RECENTLY_CREATED

	}

}
