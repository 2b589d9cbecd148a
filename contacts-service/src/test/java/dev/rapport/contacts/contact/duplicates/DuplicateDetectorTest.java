package dev.rapport.contacts.contact.duplicates;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.rapport.contacts.contact.Contact;
import dev.rapport.contacts.contact.ContactDraft;
import dev.rapport.contacts.contact.ContactDraft.EmailAddress;
import dev.rapport.contacts.contact.ContactDraft.PhoneNumber;
import dev.rapport.contacts.contact.ContactKeys;
import dev.rapport.contacts.contact.duplicates.DuplicateDetector.Match;
import dev.rapport.contacts.contact.duplicates.DuplicateDetector.Pair;
import dev.rapport.contacts.contact.duplicates.DuplicateDetector.Reason;
import dev.rapport.events.ContactSnapshot.Visibility;

import static org.assertj.core.api.Assertions.assertThat;

/** Duplicate detection and the normalisation it shares with the import (emails, E.164 phones, names, companies). */
class DuplicateDetectorTest {

	private static final UUID TEAM = UUID.randomUUID();

	private static final ContactKeys US = new ContactKeys("US");

	private static final ContactKeys DE = new ContactKeys("DE");

	private static int created;

	private static Contact contact(String name, String company, List<String> emails, List<String> phones) {
		ContactDraft draft = new ContactDraft(name, null, null,
				emails.stream().map(address -> new EmailAddress(address, null)).toList(),
				phones.stream().map(number -> new PhoneNumber(number, null)).toList(), company, null, null, null, null,
				null, null, null, null, Visibility.TEAM);
		return Contact.create(UUID.randomUUID(), TEAM, UUID.randomUUID(), draft,
				Instant.parse("2026-01-01T00:00:00Z").plusSeconds(created++));
	}

	@Test
	void phonesBecomeE164AndNationalNumbersAreReadInTheDefaultRegion() {
		assertThat(US.phone("(212) 555-0101")).isEqualTo("+12125550101");
		assertThat(US.phone("+1 212.555.0101")).isEqualTo("+12125550101");
		assertThat(DE.phone("030 12345678")).isEqualTo("+493012345678");
		assertThat(DE.phone("+49 (0)30 1234-5678")).isEqualTo("+493012345678");
		assertThat(US.phone("+49 30 12345678")).isEqualTo("+493012345678");
		// A national number the region cannot read keeps its digits: it still matches itself written otherwise.
		assertThat(US.phone("030 12345678")).isEqualTo(US.phone("030-1234 5678")).isEqualTo("03012345678");
		assertThat(US.phone("12-34")).isNull();
		assertThat(new ContactKeys("").phone("030 12345678")).isEqualTo("03012345678");
	}

	@Test
	void namesAndCompaniesCompareWithoutCaseAccentsOrderOrLegalForm() {
		assertThat(ContactKeys.name("Lovelace, Ada")).isEqualTo(ContactKeys.name("ada  LOVELACE"));
		assertThat(ContactKeys.name("José Núñez")).isEqualTo(ContactKeys.name("Jose Nunez"));
		assertThat(ContactKeys.company("Analytical Engines, Inc.")).isEqualTo(ContactKeys.company("analytical engines"));
		assertThat(ContactKeys.company("Ltd.")).isNull();
		assertThat(ContactKeys.email("  Ada@Example.COM ")).isEqualTo("ada@example.com");
	}

	@Test
	void findsPairsByEmailPhoneAndNameWithCompanyInAStableOrder() {
		Contact ada = contact("Ada Lovelace", "Analytical Engines", List.of("ada@example.com"), List.of("(212) 555-0101"));
		Contact adaAgain = contact("Lovelace, Ada", "Analytical Engines Ltd", List.of("ADA@example.com"), List.of());
		Contact adaPhone = contact("A. L.", null, List.of(), List.of("+1 212 555 0101"));
		Contact grace = contact("Grace Hopper", "Navy", List.of("grace@example.com"), List.of());
		Contact otherGrace = contact("Grace Hopper", "Elsewhere", List.of(), List.of());

		List<Pair> pairs = new DuplicateDetector(US).find(List.of(grace, adaPhone, adaAgain, otherGrace, ada));

		assertThat(pairs).extracting(pair -> List.of(pair.first(), pair.second()))
			.containsExactly(List.of(ada, adaAgain), List.of(ada, adaPhone));
		assertThat(pairs.getFirst().matches()).containsExactly(new Match(Reason.SAME_EMAIL, "ada@example.com"),
				new Match(Reason.SIMILAR_NAME_SAME_COMPANY, "ada lovelace @ analytical engines"));
		assertThat(pairs.get(1).matches()).containsExactly(new Match(Reason.SAME_PHONE, "+12125550101"));
		assertThat(new DuplicateDetector(US).find(List.of(otherGrace, ada, adaPhone, grace, adaAgain))).isEqualTo(pairs);
	}

	@Test
	void aKeyManyContactsShareSaysNothingAboutAPerson() {
		List<Contact> switchboard = IntStream.range(0, DuplicateDetector.MAX_SHARING + 1)
			.mapToObj(i -> contact("Person " + i, null, List.of("info@acme.example"), List.of()))
			.toList();

		assertThat(new DuplicateDetector(US).find(switchboard)).isEmpty();
		assertThat(new DuplicateDetector(US).find(switchboard.subList(0, 2))).hasSize(1);
	}

}
