package dev.rapport.contacts.contact;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.rapport.contacts.contact.ContactDraft.CadenceChoice;
import dev.rapport.contacts.contact.ContactDraft.EmailAddress;
import dev.rapport.contacts.contact.ContactDraft.HowWeMet;
import dev.rapport.contacts.contact.ContactDraft.ImportantDate;
import dev.rapport.contacts.contact.ContactDraft.PhoneNumber;
import dev.rapport.events.ContactSnapshot;
import dev.rapport.events.ContactSnapshot.ImportantDate.Kind;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.platform.web.Versioned;
import dev.rapport.platform.web.Versions;

/** A stored contact as the API returns it: the user's fields plus what the server owns. */
public record Contact(UUID id, UUID teamId, UUID ownerId, String displayName, String givenName, String familyName,
		List<EmailAddress> emails, List<PhoneNumber> phones, String company, String title, String location,
		HowWeMet howWeMet, List<String> tags, List<String> interests, String context,
		List<ImportantDate> importantDates, CadenceView cadence, Visibility visibility, boolean archived,
		Instant createdAt, Instant updatedAt, long version) implements Versioned {

	public static Contact create(UUID id, UUID teamId, UUID ownerId, ContactDraft draft, Instant now) {
		return new Contact(id, teamId, ownerId, null, null, null, List.of(), List.of(), null, null, null, null,
				List.of(), List.of(), null, List.of(), null, draft.visibility(), false, now, now, 1)
			.with(draft, now);
	}

	/** The user's fields replaced by {@code draft}; server-owned fields kept. */
	public Contact with(ContactDraft draft, Instant now) {
		return new Contact(id, teamId, ownerId, draft.displayName(), draft.givenName(), draft.familyName(),
				List.copyOf(draft.emails()), List.copyOf(draft.phones()), draft.company(), draft.title(),
				draft.location(), draft.howWeMet(), List.copyOf(draft.tags()), List.copyOf(draft.interests()),
				draft.context(), List.copyOf(draft.importantDates()), CadenceView.of(draft.cadence()),
				draft.visibility(), archived, createdAt, now, version);
	}

	public Contact archived(boolean archived, Instant now) {
		return new Contact(id, teamId, ownerId, displayName, givenName, familyName, emails, phones, company, title,
				location, howWeMet, tags, interests, context, importantDates, cadence, visibility, archived,
				createdAt, now, version);
	}

	public Contact nextVersion() {
		return new Contact(id, teamId, ownerId, displayName, givenName, familyName, emails, phones, company, title,
				location, howWeMet, tags, interests, context, importantDates, cadence, visibility, archived,
				createdAt, updatedAt, version + 1);
	}

	/**
	 * This contact with {@code other} folded in (a duplicate merged into it): where this one has a value it wins, and
	 * the other fills what is blank; emails, phones, tags, interests and dates are unioned without duplicates (by
	 * {@link ContactKeys}; one birthday at most, this one's first); the other's context is appended. Shared with the
	 * team if either was (teammates' conversations with the other must stay theirs to see); archive state and identity
	 * stay this contact's; an introduction by either of the two is no introduction of the result. Not yet saved,
	 * version unchanged.
	 */
	public Contact absorb(Contact other, ContactKeys keys, Instant now) {
		HowWeMet met = absorbMet(howWeMet, other.howWeMet());
		if (met != null && (id.equals(met.introducedBy()) || other.id().equals(met.introducedBy()))) {
			met = new HowWeMet(met.place(), met.date(), null, met.note());
		}
		List<EmailAddress> allEmails = union(emails, other.emails(), email -> ContactKeys.email(email.address()));
		List<PhoneNumber> allPhones = union(phones, other.phones(), phone -> keys.phone(phone.number()));
		List<String> allTags = union(tags, other.tags(), tag -> tag);
		List<String> allInterests = union(interests, other.interests(), ContactKeys::name);
		boolean hasBirthday = importantDates.stream().anyMatch(d -> d.kind() == Kind.BIRTHDAY);
		List<ImportantDate> allDates = union(importantDates,
				other.importantDates().stream().filter(d -> !hasBirthday || d.kind() != Kind.BIRTHDAY).toList(),
				d -> d.kind() + "|" + ContactKeys.name(d.label()) + "|" + d.month() + "|" + d.day());
		Visibility shared = visibility == Visibility.TEAM || other.visibility() == Visibility.TEAM ? Visibility.TEAM
				: visibility;
		return new Contact(id, teamId, ownerId, either(displayName, other.displayName()),
				either(givenName, other.givenName()), either(familyName, other.familyName()), allEmails, allPhones,
				either(company, other.company()), either(title, other.title()), either(location, other.location()), met,
				allTags, allInterests, appended(context, other.context()), allDates,
				cadence != null ? cadence : other.cadence(), shared, archived, createdAt, now, version);
	}

	private static HowWeMet absorbMet(HowWeMet mine, HowWeMet theirs) {
		if (mine == null || theirs == null) {
			return mine == null ? theirs : mine;
		}
		return new HowWeMet(either(mine.place(), theirs.place()), mine.date() != null ? mine.date() : theirs.date(),
				mine.introducedBy() != null ? mine.introducedBy() : theirs.introducedBy(),
				either(mine.note(), theirs.note()));
	}

	private static String either(String mine, String theirs) {
		return mine != null && !mine.isBlank() ? mine : theirs;
	}

	private static String appended(String mine, String theirs) {
		if (theirs == null || theirs.isBlank()) {
			return mine;
		}
		if (mine == null || mine.isBlank()) {
			return theirs;
		}
		return mine.contains(theirs.strip()) ? mine : mine + "\n\n" + theirs;
	}

	private static <T> List<T> union(List<T> mine, List<T> theirs, Function<T, String> key) {
		Map<String, T> byKey = new LinkedHashMap<>();
		Stream.concat(mine.stream(), theirs.stream()).forEach(item -> {
			String k = key.apply(item);
			byKey.putIfAbsent(k == null ? "\u0000" + byKey.size() : k, item);
		});
		return List.copyOf(byKey.values());
	}

	/** The editable part, for merge-patching: cadence as the user chose it (a tier, or days). */
	public ContactDraft draft() {
		return new ContactDraft(displayName, givenName, familyName, emails, phones, company, title, location,
				howWeMet, tags, interests, context, importantDates,
				cadence == null ? null : new CadenceChoice(cadence.tier(), cadence.tier() == null ? cadence.days() : null),
				visibility);
	}

	@JsonIgnore
	public boolean isVisibleTo(UUID userId) {
		return visibility == Visibility.TEAM || ownerId.equals(userId);
	}

	@JsonIgnore
	public String etag() {
		return Versions.etag(version);
	}

	/** The cadence as stored: the tier if one was chosen, and always the days it means. */
	public record CadenceView(ContactSnapshot.Cadence.Tier tier, int days) {

		static CadenceView of(CadenceChoice choice) {
			return choice == null ? null : new CadenceView(choice.tier(), choice.effectiveDays());
		}

	}

}
