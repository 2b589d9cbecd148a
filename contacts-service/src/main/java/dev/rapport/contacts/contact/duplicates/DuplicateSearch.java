package dev.rapport.contacts.contact.duplicates;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.contacts.contact.ContactKeys;
import dev.rapport.contacts.contact.ContactRepository;
import dev.rapport.contacts.contact.duplicates.DuplicateDetector.Pair;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.PageResponse;

/**
 * Likely duplicates among the contacts a caller may see (the team's shared ones and their own private ones,
 * archived ones too), a page at a time. Computed on each request from the caller's contacts, in memory.
 */
@Service
public class DuplicateSearch {

	private final ContactRepository contacts;

	private final DuplicateDetector detector;

	public DuplicateSearch(ContactRepository contacts, ContactKeys keys) {
		this.contacts = contacts;
		this.detector = new DuplicateDetector(keys);
	}

	@Transactional(readOnly = true)
	public PageResponse<Pair> page(Caller caller, int page, int size) {
		List<Pair> pairs = detector.find(contacts.query("where c.team_id = :team and (c.visibility = 'TEAM' or c.owner_id = :user)",
				Map.of("team", caller.teamId(), "user", caller.userId()), Integer.MAX_VALUE, 0));
		int from = (int) Math.min(pairs.size(), (long) page * size);
		return PageResponse.of(pairs.subList(from, Math.min(pairs.size(), from + size)), page, size, pairs.size());
	}

}
