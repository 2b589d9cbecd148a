package dev.rapport.contacts.importing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.rapport.contacts.contact.ContactDraft;
import dev.rapport.contacts.contact.ContactDraft.EmailAddress;
import dev.rapport.contacts.contact.ContactDraft.ImportantDate;
import dev.rapport.contacts.contact.ContactDraft.PhoneNumber;
import dev.rapport.events.ContactSnapshot.ImportantDate.Kind;
import dev.rapport.platform.web.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every format read from a realistic export: encodings, format told from content, fields mapped, rows numbered. */
class ContactFileTest {

	record Read(ImportFormat format, String encoding, List<ImportedPerson> people) {

		ContactDraft draft(int row) {
			return people.get(row - 1).draft(List.of("imported:test"));
		}

		List<String> problems(int row) {
			return people.get(row - 1).problems();
		}

	}

	static Path sample(String name) {
		try {
			return Path.of(ContactFileTest.class.getResource("/imports/" + name).toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Read read(String name) throws IOException {
		Path file = sample(name);
		FileEncoding encoding = FileEncoding.of(file);
		try (ContactFile contacts = ContactFile.open(file, encoding)) {
			List<ImportedPerson> people = new ArrayList<>();
			for (ImportedPerson person = contacts.next(); person != null; person = contacts.next()) {
				people.add(person);
			}
			return new Read(contacts.format(), encoding.name(), people);
		}
	}

	@Test
	void googleContactsCsv() throws IOException {
		Read google = read("google-contacts.csv");

		assertThat(google.format()).isEqualTo(ImportFormat.GOOGLE_CSV);
		assertThat(google.encoding()).isEqualTo("UTF-8");
		assertThat(google.people()).hasSize(6);
		ContactDraft ada = google.draft(1);
		assertThat(ada.displayName()).isEqualTo("Ada Lovelace");
		assertThat(ada.emails()).containsExactly(new EmailAddress("ada@example.org", "home"),
				new EmailAddress("ada.work@example.org", "work"));
		assertThat(ada.phones()).containsExactly(new PhoneNumber("+44 20 7946 0001", "mobile"));
		assertThat(ada.company()).isEqualTo("Analytical Engines Ltd");
		assertThat(ada.title()).isEqualTo("Mathematician");
		assertThat(ada.location()).isEqualTo("London, United Kingdom");
		assertThat(ada.importantDates()).containsExactly(new ImportantDate(Kind.BIRTHDAY, null, 12, 10, 1985));
		assertThat(ada.context()).isEqualTo("Met at the Difference Engine demo.\nLoves poetry.\n\nLinks: https://ada.example.org");
		assertThat(ada.tags()).containsExactly("imported:test");
		ContactDraft grace = google.draft(2);
		assertThat(grace.emails()).as("several values in one cell, ' ::: ' between")
			.extracting(EmailAddress::address)
			.containsExactly("grace@example.com", "grace.hopper@example.com");
		assertThat(grace.phones()).extracting(PhoneNumber::number).containsExactly("+1 202-555-0143", "+1 202-555-0199");
		assertThat(grace.importantDates()).as("a birthday without a year")
			.containsExactly(new ImportantDate(Kind.BIRTHDAY, null, 12, 9, null));
		assertThat(google.draft(3).emails()).extracting(EmailAddress::address).containsExactly("linus(at)example.org");
		assertThat(google.problems(4)).singleElement().asString().contains("Birthday '1936-13-17' is not a date");
		assertThat(google.draft(6).displayName()).isEqualTo("Édouard Lucas");
	}

	@Test
	void linkedInConnectionsAfterTheirNotes() throws IOException {
		Read linkedIn = read("linkedin-connections.csv");

		assertThat(linkedIn.format()).isEqualTo(ImportFormat.LINKEDIN_CSV);
		assertThat(linkedIn.people()).hasSize(4);
		ContactDraft barbara = linkedIn.draft(1);
		assertThat(barbara.displayName()).isEqualTo("Barbara Liskov");
		assertThat(barbara.emails()).extracting(EmailAddress::address).containsExactly("barbara@example.com");
		assertThat(barbara.company()).isEqualTo("MIT");
		assertThat(barbara.title()).isEqualTo("Institute Professor");
		assertThat(barbara.howWeMet().place()).isEqualTo("LinkedIn");
		assertThat(barbara.howWeMet().date()).isEqualTo("2024-03-12");
		assertThat(barbara.context()).isEqualTo("LinkedIn: https://www.linkedin.com/in/barbara-liskov-example");
		assertThat(linkedIn.draft(2).emails()).as("no email shared").isEmpty();
		assertThat(linkedIn.draft(3).title()).isEqualTo("Fellow, Compilers");
		assertThat(linkedIn.problems(3)).singleElement().asString().contains("Connected On '30 Feb 2022' is not a date");
		assertThat(linkedIn.problems(4)).isEmpty();
	}

	@Test
	void vCard30WithFoldedLinesPhotosAndYearlessBirthdays() throws IOException {
		Read cards = read("contacts-v3.vcf");

		assertThat(cards.format()).isEqualTo(ImportFormat.VCARD);
		assertThat(cards.people()).hasSize(4);
		ContactDraft alan = cards.draft(1);
		assertThat(alan.displayName()).isEqualTo("Alan Turing");
		assertThat(alan.givenName()).isEqualTo("Alan");
		assertThat(alan.familyName()).isEqualTo("Turing");
		assertThat(alan.company()).isEqualTo("University of Manchester");
		assertThat(alan.title()).isEqualTo("Reader in Mathematics");
		assertThat(alan.emails()).containsExactly(new EmailAddress("alan@example.ac.uk", "work"));
		assertThat(alan.phones()).containsExactly(new PhoneNumber("+44 161 555 0101", "cell"));
		assertThat(alan.location()).isEqualTo("Manchester, United Kingdom");
		assertThat(alan.context()).as("a folded line, unfolded")
			.isEqualTo("Broke Enigma at Bletchley Park with Gordon Welchman and Dilly Knox; later wrote about "
					+ "morphogenesis and computing machinery and intelligence.");
		assertThat(alan.importantDates()).containsExactly(new ImportantDate(Kind.BIRTHDAY, null, 6, 23, 1912));
		assertThat(cards.problems(1)).as("the photo is read past").isEmpty();
		ContactDraft hedy = cards.draft(2);
		assertThat(hedy.importantDates()).containsExactly(new ImportantDate(Kind.BIRTHDAY, null, 11, 9, null));
		assertThat(hedy.context()).isEqualTo("Links: https://hedy.example.com");
		assertThat(cards.draft(3).emails()).extracting(EmailAddress::address).containsExactly("emmy@@example.de");
		assertThat(cards.draft(4).displayName()).isEqualTo("Claude Shannon");
	}

	@Test
	void vCard40() throws IOException {
		Read cards = read("contacts-v4.vcf");

		assertThat(cards.format()).isEqualTo(ImportFormat.VCARD);
		assertThat(cards.people()).hasSize(3);
		ContactDraft radia = cards.draft(1);
		assertThat(radia.displayName()).isEqualTo("Radia Perlman");
		assertThat(radia.phones()).containsExactly(new PhoneNumber("+1-555-555-0140", "cell"));
		assertThat(radia.importantDates()).containsExactly(new ImportantDate(Kind.BIRTHDAY, null, 12, 18, null),
				new ImportantDate(Kind.ANNIVERSARY, null, 9, 15, 2001));
		assertThat(cards.draft(2).importantDates()).containsExactly(new ImportantDate(Kind.BIRTHDAY, null, 2, 7, 1941));
		assertThat(cards.problems(3)).singleElement().asString().contains("BDAY '1930-02-31'");
	}

	@Test
	void outlookCsvInWindows1252() throws IOException {
		Read outlook = read("outlook-contacts-windows-1252.csv");

		assertThat(outlook.format()).isEqualTo(ImportFormat.OUTLOOK_CSV);
		assertThat(outlook.encoding()).isEqualTo("windows-1252");
		ContactDraft jose = outlook.draft(1);
		assertThat(jose.displayName()).isEqualTo("José Müller");
		assertThat(jose.company()).isEqualTo("Señor Café S.A.");
		assertThat(jose.title()).isEqualTo("Ingeniero");
		assertThat(jose.location()).isEqualTo("Málaga, España");
		assertThat(jose.phones()).containsExactly(new PhoneNumber("+34 612 345 678", "mobile"));
		assertThat(jose.importantDates()).as("Outlook's M/d/yyyy; 0/0/00 is no anniversary")
			.containsExactly(new ImportantDate(Kind.BIRTHDAY, null, 4, 12, 1985));
		assertThat(jose.context()).isEqualTo("Prefers café con leche — €5 bet pending");
		assertThat(outlook.draft(2).displayName()).isEqualTo("Zoë Ångström");
		assertThat(outlook.draft(2).importantDates()).isEmpty();
		assertThat(outlook.problems(3)).singleElement().asString().contains("Birthday '13/25/1990' is not a date");
	}

	@Test
	void utf16WithItsByteOrderMarkAndUtf8WithOne() throws IOException {
		Read linkedIn = read("linkedin-utf16le-bom.csv");
		assertThat(linkedIn.format()).isEqualTo(ImportFormat.LINKEDIN_CSV);
		assertThat(linkedIn.encoding()).isEqualTo("UTF-16LE (BOM)");
		assertThat(linkedIn.draft(2).displayName()).isEqualTo("Ōkubo Tōru");
		assertThat(linkedIn.draft(2).company()).isEqualTo("東京大学");

		Read google = read("utf8-bom-google.csv");
		assertThat(google.format()).as("the byte order mark is not part of the first column's name")
			.isEqualTo(ImportFormat.GOOGLE_CSV);
		assertThat(google.encoding()).isEqualTo("UTF-8 (BOM)");
		assertThat(google.draft(1).displayName()).isEqualTo("Søren Kierkegaard");
	}

	@Test
	void filesThatAreNoAddressBookAreRefusedWithTheReason() {
		assertThatThrownBy(() -> read("not-an-address-book.pdf")).isInstanceOf(ApiException.class)
			.hasMessageContaining("neither a vCard nor a CSV");
		assertThatThrownBy(() -> read("unknown-columns.csv")).isInstanceOf(ApiException.class)
			.hasMessageContaining("neither a vCard nor a CSV");
		assertThatThrownBy(() -> read("utf16-without-bom.csv")).isInstanceOf(ApiException.class)
			.hasMessageContaining("NUL");
		assertThatThrownBy(() -> read("neither-utf8-nor-windows-1252.csv")).isInstanceOf(ApiException.class)
			.hasMessageContaining("neither UTF-8 nor Windows-1252");
		assertThatThrownBy(() -> read("broken-quotes-google.csv")).isInstanceOf(ApiException.class)
			.hasMessageContaining("cannot be read after its row 1");
	}

	@Test
	void datesAsAddressBooksWriteThem() {
		assertThat(ImportDates.parse("1985-04-12")).contains(new ImportDates.DayOfYear(4, 12, 1985));
		assertThat(ImportDates.parse("19850412")).contains(new ImportDates.DayOfYear(4, 12, 1985));
		assertThat(ImportDates.parse("--0412")).contains(new ImportDates.DayOfYear(4, 12, null));
		assertThat(ImportDates.parse("--04-12")).contains(new ImportDates.DayOfYear(4, 12, null));
		assertThat(ImportDates.parse("--02-29")).as("a birthday on 29 February, no year")
			.contains(new ImportDates.DayOfYear(2, 29, null));
		assertThat(ImportDates.parse("4/12/1985")).contains(new ImportDates.DayOfYear(4, 12, 1985));
		assertThat(ImportDates.parse("12 Mar 2024")).contains(new ImportDates.DayOfYear(3, 12, 2024));
		assertThat(ImportDates.parse("1985-04-12T00:00:00Z")).contains(new ImportDates.DayOfYear(4, 12, 1985));
		assertThat(ImportDates.parse("2023-02-29")).isEmpty();
		assertThat(ImportDates.parse("--13-01")).isEmpty();
		assertThat(ImportDates.parse("soon")).isEmpty();
		assertThat(ImportDates.isNone("0/0/00")).isTrue();
	}

}
