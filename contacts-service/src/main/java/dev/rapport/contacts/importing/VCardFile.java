package dev.rapport.contacts.importing;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ezvcard.VCard;
import ezvcard.io.text.VCardReader;
import ezvcard.parameter.VCardParameter;
import ezvcard.property.Address;
import ezvcard.property.DateOrTimeProperty;
import ezvcard.property.RawProperty;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;

import dev.rapport.events.ContactSnapshot.ImportantDate.Kind;

/**
 * vCard 2.1, 3.0 and 4.0, card after card (ez-vcard unfolds lines and decodes values). Photos and keys are read
 * past and not kept: a contact holds no pictures.
 */
final class VCardFile extends ContactFile {

	private final VCardReader reader;

	private int row;

	VCardFile(Reader text) {
		this.reader = new VCardReader(text);
	}

	@Override
	ImportFormat format() {
		return ImportFormat.VCARD;
	}

	@Override
	ImportedPerson next() throws IOException {
		VCard card = reader.readNext();
		if (card == null) {
			return null;
		}
		ImportedPerson person = new ImportedPerson(++row);
		if (card.getFormattedName() != null) {
			person.displayName(card.getFormattedName().getValue());
		}
		StructuredName name = card.getStructuredName();
		if (name != null) {
			person.givenName(name.getGiven()).familyName(name.getFamily());
		}
		card.getEmails().forEach(email -> person.email(email.getValue(), firstLabel(email.getTypes())));
		for (Telephone phone : card.getTelephoneNumbers()) {
			String number = phone.getText() != null ? phone.getText()
					: phone.getUri() == null ? null : phone.getUri().getNumber();
			person.phone(number, firstLabel(phone.getTypes()));
		}
		if (card.getOrganization() != null && !card.getOrganization().getValues().isEmpty()) {
			person.company(card.getOrganization().getValues().getFirst());
		}
		card.getTitles().forEach(title -> person.title(title.getValue()));
		card.getRoles().forEach(role -> person.title(role.getValue()));
		for (Address address : card.getAddresses()) {
			person.location(Stream.of(address.getLocality(), address.getRegion(), address.getCountry())
				.filter(part -> part != null && !part.isBlank())
				.collect(Collectors.joining(", ")));
		}
		date(person, Kind.BIRTHDAY, "BDAY", card.getBirthday(), card);
		date(person, Kind.ANNIVERSARY, "ANNIVERSARY", card.getAnniversary(), card);
		card.getNotes().forEach(note -> person.note(note.getValue()));
		card.getUrls().forEach(url -> person.link(url.getValue()));
		if (card.getUid() != null) {
			person.contactId(card.getUid().getValue());
		}
		return person;
	}

	/**
	 * A date property as ez-vcard read it: a full date, a partial one (no year), or text. A value it could not read
	 * at all (vCard 3.0's {@code --MMDD}, a 31 February) it keeps as a raw property, read here as text.
	 */
	private static void date(ImportedPerson person, Kind kind, String field, DateOrTimeProperty property, VCard card) {
		if (property == null) {
			RawProperty raw = card.getExtendedProperty(field);
			if (raw != null) {
				person.date(kind, null, field, raw.getValue());
			}
			return;
		}
		Temporal date = property.getDate();
		if (date != null) {
			LocalDate day = switch (date) {
				case LocalDate local -> local;
				case LocalDateTime local -> local.toLocalDate();
				case OffsetDateTime offset -> offset.toLocalDate();
				case ZonedDateTime zoned -> zoned.toLocalDate();
				default -> null;
			};
			if (day == null) {
				person.problem(field + " '" + date + "' is not a date");
			}
			else {
				person.date(kind, null, ImportDates.of(day));
			}
		}
		else if (property.getPartialDate() != null) {
			var partial = property.getPartialDate();
			if (partial.getMonth() == null || partial.getDate() == null) {
				person.problem(field + " '" + partial + "' has no month and day");
			}
			else {
				ImportDates.DayOfYear day = new ImportDates.DayOfYear(partial.getMonth(), partial.getDate(),
						partial.getYear());
				if (day.isReal()) {
					person.date(kind, null, day);
				}
				else {
					person.problem(field + " '" + partial.toISO8601(true) + "' is not a date");
				}
			}
		}
		else {
			person.date(kind, null, field, property.getText());
		}
	}

	private static String firstLabel(List<? extends VCardParameter> types) {
		return types.stream()
			.map(VCardParameter::getValue)
			.filter(Objects::nonNull)
			.map(type -> type.toLowerCase(Locale.ROOT))
			.filter(type -> !type.equals("pref") && !type.equals("internet") && !type.equals("voice"))
			.findFirst()
			.orElse(null);
	}

	@Override
	public void close() throws IOException {
		reader.close();
	}

}
