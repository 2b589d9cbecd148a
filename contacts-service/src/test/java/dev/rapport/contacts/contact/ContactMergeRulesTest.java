package dev.rapport.contacts.contact;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.rapport.contacts.contact.ContactDraft.CadenceChoice;
import dev.rapport.contacts.contact.ContactDraft.EmailAddress;
import dev.rapport.contacts.contact.ContactDraft.HowWeMet;
import dev.rapport.contacts.contact.ContactDraft.ImportantDate;
import dev.rapport.contacts.contact.ContactDraft.PhoneNumber;
import dev.rapport.events.ContactSnapshot.Cadence.Tier;
import dev.rapport.events.ContactSnapshot.ImportantDate.Kind;
import dev.rapport.events.ContactSnapshot.Visibility;

import static org.assertj.core.api.Assertions.assertThat;

/** The merge rules: the survivor's values win, the other fills blanks, lists are unioned, context appended. */
class ContactMergeRulesTest {

	static final ContactKeys KEYS = new ContactKeys("US");

	static final UUID TEAM = UUID.randomUUID();

	static final UUID OWNER = UUID.randomUUID();

	static final Instant THEN = Instant.parse("2026-01-01T00:00:00Z");

	static final Instant NOW = Instant.parse("2026-12-02T13:00:00Z");

	static Contact contact(ContactDraft draft) {
		return Contact.create(UUID.randomUUID(), TEAM, OWNER, draft, THEN);
	}

	@Test
	void survivorsValuesWinAndTheOtherFillsBlanks() {
		Contact survivor = contact(new ContactDraft("Ada Lovelace", null, "Lovelace", List.of(), List.of(), "Analytical Engines",
				null, null, new HowWeMet("London", null, null, null), List.of(), List.of(), null, List.of(),
				new CadenceChoice(Tier.CLOSE, null), Visibility.TEAM));
		Contact other = contact(new ContactDraft("Ada King", "Ada", "King", List.of(), List.of(), "Elsewhere", "Countess",
				"Turin", new HowWeMet("Paris", java.time.LocalDate.of(2020, 5, 1), null, "at a salon"), List.of(),
				List.of(), null, List.of(), new CadenceChoice(Tier.NETWORK, null), Visibility.PRIVATE));

		Contact merged = survivor.absorb(other, KEYS, NOW);

		assertThat(merged.id()).isEqualTo(survivor.id());
		assertThat(merged.displayName()).isEqualTo("Ada Lovelace");
		assertThat(merged.givenName()).isEqualTo("Ada");
		assertThat(merged.familyName()).isEqualTo("Lovelace");
		assertThat(merged.company()).isEqualTo("Analytical Engines");
		assertThat(merged.title()).isEqualTo("Countess");
		assertThat(merged.location()).isEqualTo("Turin");
		assertThat(merged.howWeMet()).isEqualTo(new HowWeMet("London", java.time.LocalDate.of(2020, 5, 1), null, "at a salon"));
		assertThat(merged.cadence().tier()).isEqualTo(Tier.CLOSE);
		assertThat(merged.visibility()).isEqualTo(Visibility.TEAM);
		assertThat(merged.updatedAt()).isEqualTo(NOW);
		assertThat(merged.version()).isEqualTo(survivor.version());
	}

	@Test
	void listsAreUnionedWithoutDuplicatesAndContextAppended() {
		Contact survivor = contact(new ContactDraft("Ada", null, null,
				List.of(new EmailAddress("ada@example.com", "work")), List.of(new PhoneNumber("(212) 555-0101", null)), null,
				null, null, null, List.of("mentor"), List.of("Poetry"), "Moving to Turin",
				List.of(new ImportantDate(Kind.BIRTHDAY, null, 12, 10, null)), null, Visibility.TEAM));
		Contact other = contact(new ContactDraft("Ada", null, null,
				List.of(new EmailAddress(" ADA@example.com", null), new EmailAddress("ada@engines.org", null)),
				List.of(new PhoneNumber("+1 212 555 0101", "mobile"), new PhoneNumber("+44 20 7946 0018", null)), null, null,
				null, null, List.of("mentor", "london"), List.of("poetry", "Engines"), "Loves engines",
				List.of(new ImportantDate(Kind.BIRTHDAY, null, 11, 1, null),
						new ImportantDate(Kind.CUSTOM, "Moved to Turin", 3, 1, 2026)),
				null, Visibility.TEAM));

		Contact merged = survivor.absorb(other, KEYS, NOW);

		assertThat(merged.emails()).extracting(EmailAddress::address).containsExactly("ada@example.com", "ada@engines.org");
		assertThat(merged.phones()).extracting(PhoneNumber::number).containsExactly("(212) 555-0101", "+44 20 7946 0018");
		assertThat(merged.tags()).containsExactly("mentor", "london");
		assertThat(merged.interests()).containsExactly("Poetry", "Engines");
		assertThat(merged.importantDates()).extracting(ImportantDate::kind, ImportantDate::month)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.BIRTHDAY, 12), org.assertj.core.groups.Tuple.tuple(Kind.CUSTOM, 3));
		assertThat(merged.context()).isEqualTo("Moving to Turin\n\nLoves engines");
		assertThat(merged.draft().isOneBirthdayAtMost()).isTrue();
	}

	@Test
	void anIntroductionByEitherOfTheTwoIsDropped() {
		Contact other = contact(new ContactDraft("Ada", null, null, null, null, null, null, null, null, null, null,
				null, null, null, Visibility.TEAM));
		Contact survivor = contact(new ContactDraft("Ada", null, null, null, null, null, null, null,
				new HowWeMet("Paris", null, other.id(), null), null, null, null, null, null, Visibility.TEAM));

		assertThat(survivor.absorb(other, KEYS, NOW).howWeMet()).isEqualTo(new HowWeMet("Paris", null, null, null));
	}

	@Test
	void theResultIsSharedWithTheTeamIfEitherWas() {
		Contact mine = contact(new ContactDraft("Ada", null, null, null, null, null, null, null, null, null, null,
				null, null, null, Visibility.PRIVATE));
		Contact shared = contact(new ContactDraft("Ada", null, null, null, null, null, null, null, null, null, null,
				null, null, null, Visibility.TEAM));

		assertThat(mine.absorb(shared, KEYS, NOW).visibility()).isEqualTo(Visibility.TEAM);
		assertThat(shared.absorb(mine, KEYS, NOW).visibility()).isEqualTo(Visibility.TEAM);
		assertThat(mine.absorb(mine, KEYS, NOW).visibility()).isEqualTo(Visibility.PRIVATE);
	}

}
