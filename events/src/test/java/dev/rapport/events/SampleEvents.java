package dev.rapport.events;

import dev.rapport.events.ContactSnapshot.Cadence;
import dev.rapport.events.ContactSnapshot.Email;
import dev.rapport.events.ContactSnapshot.HowWeMet;
import dev.rapport.events.ContactSnapshot.ImportantDate;
import dev.rapport.events.ContactSnapshot.Phone;
import dev.rapport.events.ContactSnapshot.Visibility;
import org.junit.jupiter.api.Named;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Realistic events for tests: per registered type one with every optional field set and one with none. */
final class SampleEvents {

    static final UUID TEAM = UUID.fromString("7d4f3a52-1c1e-4a8e-9a51-0f6f2b8c1a01");
    static final UUID OWNER = UUID.fromString("0b9e6c1d-5f2a-4d3b-8e7c-2a1f9d8e7c02");
    static final UUID CONTACT = UUID.fromString("3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b003");
    static final UUID INTRODUCER = UUID.fromString("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c04");
    static final Instant CREATED = Instant.parse("2026-03-19T08:45:12.345678Z");
    static final Instant NOW = Instant.parse("2026-11-02T10:15:30.123Z");

    private SampleEvents() {
    }

    static ContactSnapshot fullSnapshot() {
        return new ContactSnapshot(
                "Ada Lovelace",
                "Ada",
                "Lovelace",
                List.of(new Email("ada@analyticalengines.co.uk", "work"), new Email("ada.l@example.org", "home")),
                List.of(new Phone("+44 20 7946 0958", "mobile")),
                "Analytical Engines Ltd",
                "Head of Computation",
                "London",
                new HowWeMet("Kafka Summit London", LocalDate.of(2024, 3, 19), INTRODUCER, "Talked about Bernoulli numbers"),
                List.of("mentor", "investor"),
                List.of("mathematics", "poetry"),
                "Moving to Turin in spring; daughter starts university.",
                List.of(new ImportantDate(ImportantDate.Kind.BIRTHDAY, null, 12, 10, 1815),
                        new ImportantDate(ImportantDate.Kind.CUSTOM, "Joined Analytical Engines", 6, 1, null)),
                new Cadence(Cadence.Tier.CLOSE, 30),
                Visibility.TEAM,
                false,
                7,
                CREATED,
                NOW);
    }

    static ContactSnapshot minimalSnapshot() {
        return new ContactSnapshot("Grace", null, null, null, null, null, null, null, null, null, null, null, null,
                null, Visibility.PRIVATE, false, 0, CREATED, CREATED);
    }

    /** Every sample, named for test reports; a test checks each registered type appears here. */
    static List<Named<RapportEvent>> all() {
        ContactSnapshot before = fullSnapshot();
        ContactSnapshot after = new ContactSnapshot(before.displayName(), before.givenName(), before.familyName(),
                before.emails(), before.phones(), before.company(), "Chief Scientist", "Turin", before.howWeMet(),
                before.tags(), before.interests(), before.context(), before.importantDates(),
                new Cadence(null, 45), before.visibility(), false, 8, CREATED, NOW);
        return List.of(
                Named.of("ContactCreated full", ContactCreated.of(CONTACT, TEAM, OWNER, fullSnapshot(), NOW)),
                Named.of("ContactCreated minimal", ContactCreated.of(CONTACT, TEAM, OWNER, minimalSnapshot(), NOW)),
                Named.of("ContactUpdated full", ContactUpdated.of(CONTACT, TEAM, OWNER, before, after, NOW)),
                Named.of("ContactUpdated minimal", ContactUpdated.of(CONTACT, TEAM, OWNER, minimalSnapshot(), List.of(), NOW)),
                // The next three have no optional fields, so full and minimal are the same document.
                Named.of("ContactArchived", ContactArchived.of(CONTACT, TEAM, OWNER, NOW)),
                Named.of("ContactUnarchived", ContactUnarchived.of(CONTACT, TEAM, OWNER, NOW)),
                Named.of("ContactDeleted", ContactDeleted.of(CONTACT, TEAM, OWNER, NOW)));
    }
}
