package dev.rapport.contacts.importing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import dev.rapport.events.ContactSnapshot.ImportantDate.Kind;

/** The CSV exports of Google Contacts, Outlook and LinkedIn, read record by record from their header on. */
final class CsvFile extends ContactFile {

	private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setIgnoreEmptyLines(true)
		.setTrim(true)
		.setAllowMissingColumnNames(true)
		.setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
		.get();

	private final ImportFormat format;

	private final CSVParser parser;

	private final Iterator<CSVRecord> records;

	private int row;

	CsvFile(Reader text, ImportFormat format) throws IOException {
		this.format = format;
		this.parser = FORMAT.parse(text);
		this.records = parser.iterator();
	}

	@Override
	ImportFormat format() {
		return format;
	}

	@Override
	ImportedPerson next() throws IOException {
		CSVRecord record;
		try {
			if (!records.hasNext()) {
				return null;
			}
			record = records.next();
		}
		catch (UncheckedIOException malformed) {
			throw ImportProblems.notAnAddressBook("The CSV cannot be read after its row " + row + " ("
					+ malformed.getCause().getMessage() + ")");
		}
		ImportedPerson person = new ImportedPerson(++row);
		switch (format) {
			case GOOGLE_CSV -> google(record, person);
			case OUTLOOK_CSV -> outlook(record, person);
			case LINKEDIN_CSV -> linkedIn(record, person);
			case VCARD -> throw new IllegalStateException("not a CSV format");
		}
		return person;
	}

	private static void google(CSVRecord r, ImportedPerson person) {
		person.givenName(first(r, GoogleCsvColumns.FIRST_NAME, GoogleCsvColumns.OLD_FIRST_NAME))
			.familyName(first(r, GoogleCsvColumns.LAST_NAME, GoogleCsvColumns.OLD_LAST_NAME))
			.displayName(first(r, GoogleCsvColumns.NAME))
			.company(first(r, GoogleCsvColumns.ORGANIZATION, GoogleCsvColumns.OLD_ORGANIZATION))
			.title(first(r, GoogleCsvColumns.TITLE, GoogleCsvColumns.OLD_TITLE))
			.note(first(r, GoogleCsvColumns.NOTES))
			.contactId(first(r, GoogleCsvColumns.RAPPORT_ID))
			.date(Kind.BIRTHDAY, null, GoogleCsvColumns.BIRTHDAY, first(r, GoogleCsvColumns.BIRTHDAY));
		for (int i = 1; i <= GoogleCsvColumns.REPEATS; i++) {
			person.email(first(r, GoogleCsvColumns.emailValue(i)),
					first(r, GoogleCsvColumns.emailLabel(i), GoogleCsvColumns.oldEmailType(i)));
			person.phone(first(r, GoogleCsvColumns.phoneValue(i)),
					first(r, GoogleCsvColumns.phoneLabel(i), GoogleCsvColumns.oldPhoneType(i)));
			person.link(first(r, GoogleCsvColumns.websiteValue(i)));
			String eventLabel = first(r, GoogleCsvColumns.eventLabel(i));
			boolean anniversary = GoogleCsvColumns.ANNIVERSARY.equalsIgnoreCase(eventLabel);
			person.date(anniversary ? Kind.ANNIVERSARY : Kind.CUSTOM,
					anniversary ? null : eventLabel == null ? "Event" : eventLabel, GoogleCsvColumns.eventValue(i),
					first(r, GoogleCsvColumns.eventValue(i)));
			String city = first(r, GoogleCsvColumns.addressCity(i));
			String country = first(r, GoogleCsvColumns.addressCountry(i));
			if (city != null || country != null) {
				person.location(Stream.of(city, country).filter(v -> v != null).collect(Collectors.joining(", ")));
			}
		}
	}

	private static void outlook(CSVRecord r, ImportedPerson person) {
		person.givenName(first(r, "First Name"))
			.familyName(first(r, "Last Name"))
			.company(first(r, "Company"))
			.title(first(r, "Job Title"))
			.email(first(r, "E-mail Address"), null)
			.email(first(r, "E-mail 2 Address"), null)
			.email(first(r, "E-mail 3 Address"), null)
			.phone(first(r, "Mobile Phone"), "mobile")
			.phone(first(r, "Business Phone"), "work")
			.phone(first(r, "Home Phone"), "home")
			.phone(first(r, "Other Phone"), "other")
			.note(first(r, "Notes"))
			.link(first(r, "Web Page"))
			.date(Kind.BIRTHDAY, null, "Birthday", first(r, "Birthday"))
			.date(Kind.ANNIVERSARY, null, "Anniversary", first(r, "Anniversary"));
		String city = first(r, "Business City", "Home City");
		String country = first(r, "Business Country/Region", "Home Country/Region", "Business Country", "Home Country");
		if (city != null || country != null) {
			person.location(Stream.of(city, country).filter(v -> v != null).collect(Collectors.joining(", ")));
		}
	}

	/** A connection: where we met is LinkedIn, when is the day we connected, the profile goes into the context. */
	private static void linkedIn(CSVRecord r, ImportedPerson person) {
		person.givenName(first(r, "First Name"))
			.familyName(first(r, "Last Name"))
			.email(first(r, "Email Address"), null)
			.company(first(r, "Company"))
			.title(first(r, "Position"));
		String profile = first(r, "URL");
		if (profile != null) {
			person.note("LinkedIn: " + profile);
		}
		String connectedOn = first(r, "Connected On");
		if (connectedOn == null) {
			person.met("LinkedIn", null);
			return;
		}
		ImportDates.parse(connectedOn).ifPresentOrElse(
				date -> person.met("LinkedIn", date.year() == null ? null : LocalDate.of(date.year(), date.month(), date.day())),
				() -> person.problem("Connected On '" + connectedOn + "' is not a date (e.g. 12 Mar 2024)"));
	}

	/** The first of these columns the record has a value in. */
	private static String first(CSVRecord record, String... columns) {
		for (String column : columns) {
			if (record.isMapped(column) && record.isSet(column)) {
				String value = record.get(column);
				if (value != null && !value.isBlank()) {
					return value;
				}
			}
		}
		return null;
	}

	@Override
	public void close() throws IOException {
		parser.close();
	}

}
