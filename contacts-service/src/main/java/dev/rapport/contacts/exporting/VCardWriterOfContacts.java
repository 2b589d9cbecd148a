package dev.rapport.contacts.exporting;

import java.io.IOException;
import java.io.Writer;

import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.io.text.VCardWriter;
import ezvcard.parameter.EmailType;
import ezvcard.parameter.TelephoneType;
import ezvcard.property.Address;
import ezvcard.property.Anniversary;
import ezvcard.property.Birthday;
import ezvcard.property.Email;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;
import ezvcard.property.Uid;
import ezvcard.util.PartialDate;

import dev.rapport.contacts.contact.Contact;
import dev.rapport.contacts.contact.ContactDraft.ImportantDate;
import dev.rapport.events.ContactSnapshot.ImportantDate.Kind;

/**
 * Contacts as vCard 4.0 cards (ez-vcard writes, folds and escapes). The UID is the contact's id
 * ({@code urn:uuid:...}), so an import of the file knows each card for the contact it came from. Kept: names,
 * emails and phones with their labels, company, title, location (as the address's locality, which is what the
 * import reads), birthday and anniversary (with or without the year), tags as CATEGORIES, the context as NOTE.
 * vCard has no place for custom dates, how we met, interests or the cadence: they stay in Rapport.
 */
final class VCardWriterOfContacts implements ContactWriter {

	private final VCardWriter writer;

	VCardWriterOfContacts(Writer out) {
		this.writer = new VCardWriter(out, VCardVersion.V4_0);
	}

	@Override
	public void write(Contact contact) throws IOException {
		writer.write(card(contact));
	}

	static VCard card(Contact c) {
		VCard card = new VCard(VCardVersion.V4_0);
		card.setUid(new Uid("urn:uuid:" + c.id()));
		card.setFormattedName(c.displayName());
		if (c.givenName() != null || c.familyName() != null) {
			StructuredName name = new StructuredName();
			name.setGiven(c.givenName());
			name.setFamily(c.familyName());
			card.setStructuredName(name);
		}
		c.emails().forEach(email -> {
			Email property = card.addEmail(email.address());
			if (email.label() != null) {
				property.getTypes().add(EmailType.get(email.label()));
			}
		});
		c.phones().forEach(phone -> {
			Telephone property = new Telephone(phone.number());
			if (phone.label() != null) {
				property.getTypes().add(TelephoneType.get(phone.label()));
			}
			card.addTelephoneNumber(property);
		});
		if (c.company() != null) {
			card.setOrganization(c.company());
		}
		if (c.title() != null) {
			card.addTitle(c.title());
		}
		if (c.location() != null) {
			Address address = new Address();
			address.setLocality(c.location());
			card.addAddress(address);
		}
		for (ImportantDate date : c.importantDates()) {
			if (date.kind() == Kind.BIRTHDAY) {
				card.setBirthday(date.year() == null ? new Birthday(partial(date))
						: new Birthday(java.time.LocalDate.of(date.year(), date.month(), date.day())));
			}
			else if (date.kind() == Kind.ANNIVERSARY && card.getAnniversary() == null) {
				card.setAnniversary(date.year() == null ? new Anniversary(partial(date))
						: new Anniversary(java.time.LocalDate.of(date.year(), date.month(), date.day())));
			}
		}
		if (!c.tags().isEmpty()) {
			card.setCategories(c.tags().toArray(String[]::new));
		}
		if (c.context() != null) {
			card.addNote(c.context());
		}
		return card;
	}

	private static PartialDate partial(ImportantDate date) {
		return PartialDate.builder().month(date.month()).date(date.day()).build();
	}

	@Override
	public void flush() throws IOException {
		writer.flush();
	}

	@Override
	public void close() throws IOException {
		writer.close();
	}

}
