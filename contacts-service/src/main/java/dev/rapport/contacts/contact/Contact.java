package dev.rapport.contacts.contact;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.rapport.contacts.contact.ContactDraft.CadenceChoice;
import dev.rapport.contacts.contact.ContactDraft.EmailAddress;
import dev.rapport.contacts.contact.ContactDraft.HowWeMet;
import dev.rapport.contacts.contact.ContactDraft.ImportantDate;
import dev.rapport.contacts.contact.ContactDraft.PhoneNumber;
import dev.rapport.events.ContactSnapshot;
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
