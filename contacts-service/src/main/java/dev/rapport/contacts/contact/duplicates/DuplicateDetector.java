package dev.rapport.contacts.contact.duplicates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import dev.rapport.contacts.contact.Contact;
import dev.rapport.contacts.contact.ContactDraft.EmailAddress;
import dev.rapport.contacts.contact.ContactDraft.PhoneNumber;
import dev.rapport.contacts.contact.ContactKeys;

/**
 * Finds likely duplicates among contacts: pairs that share an email, a phone (E.164) or a name with the same company
 * ({@link ContactKeys}). Pure: the caller decides which contacts it may look at. A key that more than
 * {@link #MAX_SHARING} contacts share (a switchboard number, info@) says nothing about a person and is left out.
 */
public final class DuplicateDetector {

	static final int MAX_SHARING = 10;

	/** Why two contacts look like one person, strongest first. */
	public enum Reason {

		SAME_EMAIL, SAME_PHONE, SIMILAR_NAME_SAME_COMPANY

	}

	/** A shared key and what it was. */
	public record Match(Reason reason, String value) {
	}

	/** Two likely duplicates, the one created first as {@code first}, with every reason they match. */
	public record Pair(Contact first, Contact second, List<Match> matches) {
	}

	private final ContactKeys keys;

	public DuplicateDetector(ContactKeys keys) {
		this.keys = keys;
	}

	/** Every likely pair, in a stable order: strongest reason, then the first's name and id, then the second's id. */
	public List<Pair> find(List<Contact> contacts) {
		Map<Reason, Map<String, List<Contact>>> byKey = new EnumMap<>(Reason.class);
		for (Contact contact : contacts) {
			for (EmailAddress email : contact.emails()) {
				index(byKey, Reason.SAME_EMAIL, ContactKeys.email(email.address()), contact);
			}
			for (PhoneNumber phone : contact.phones()) {
				index(byKey, Reason.SAME_PHONE, keys.phone(phone.number()), contact);
			}
			String name = ContactKeys.name(contact.displayName());
			String company = ContactKeys.company(contact.company());
			if (name != null && company != null) {
				index(byKey, Reason.SIMILAR_NAME_SAME_COMPANY, name + " @ " + company, contact);
			}
		}
		Map<List<UUID>, Pair> pairs = new LinkedHashMap<>();
		byKey.forEach((reason, groups) -> groups.forEach((value, members) -> {
			if (members.size() > MAX_SHARING) {
				return;
			}
			List<Contact> ordered = members.stream().sorted(CREATED_FIRST).toList();
			for (int i = 0; i < ordered.size(); i++) {
				for (int j = i + 1; j < ordered.size(); j++) {
					Contact first = ordered.get(i);
					Contact second = ordered.get(j);
					Pair pair = pairs.computeIfAbsent(List.of(first.id(), second.id()),
							ids -> new Pair(first, second, new ArrayList<>()));
					Match match = new Match(reason, value);
					if (pair.matches().stream().noneMatch(m -> m.reason() == reason)) {
						pair.matches().add(match);
					}
				}
			}
		}));
		return pairs.values()
			.stream()
			.map(pair -> new Pair(pair.first(), pair.second(), List.copyOf(pair.matches())))
			.sorted(Comparator.comparing((Pair pair) -> pair.matches().getFirst().reason())
				.thenComparing(pair -> pair.first().displayName().toLowerCase(Locale.ROOT))
				.thenComparing(pair -> pair.first().id())
				.thenComparing(pair -> pair.second().id()))
			.toList();
	}

	private static final Comparator<Contact> CREATED_FIRST = Comparator.comparing(Contact::createdAt)
		.thenComparing(Contact::id);

	private static void index(Map<Reason, Map<String, List<Contact>>> byKey, Reason reason, String key,
			Contact contact) {
		if (key == null) {
			return;
		}
		List<Contact> members = byKey.computeIfAbsent(reason, r -> new TreeMap<>())
			.computeIfAbsent(key, k -> new ArrayList<>());
		if (members.stream().map(Contact::id).noneMatch(id -> Objects.equals(id, contact.id()))) {
			members.add(contact);
		}
	}

}
