package dev.rapport.contacts.importing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.rapport.contacts.contact.ContactDraft;
import dev.rapport.contacts.contact.ContactKeys;
import dev.rapport.contacts.contact.ContactDraft.EmailAddress;
import dev.rapport.contacts.contact.ContactDraft.HowWeMet;
import dev.rapport.contacts.contact.ContactDraft.ImportantDate;
import dev.rapport.contacts.contact.ContactDraft.PhoneNumber;
import dev.rapport.events.ContactSnapshot.ImportantDate.Kind;
import dev.rapport.text.TextRules;

/**
 * One person as read from a file, gathered field by field by a format's reader, and what could not be read (a date
 * that is no date, text with control characters). Becomes a {@link ContactDraft}: the contact's own fields, with
 * what has no field of its own (links, a LinkedIn profile) written into its context.
 */
final class ImportedPerson {

	/** Google Contacts puts several values in one cell this way. */
	static final String GOOGLE_SEPARATOR = " ::: ";

	private static final java.util.regex.Pattern SEPARATOR = java.util.regex.Pattern
		.compile(java.util.regex.Pattern.quote(GOOGLE_SEPARATOR));

	private final int row;

	private String displayName;

	private String givenName;

	private String familyName;

	private String company;

	private String title;

	private String location;

	private String metPlace;

	private LocalDate metOn;

	private java.util.UUID contactId;

	private final Set<String> emailAddresses = new LinkedHashSet<>();

	private final List<EmailAddress> emails = new ArrayList<>();

	private final List<PhoneNumber> phones = new ArrayList<>();

	private final List<ImportantDate> dates = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	private final List<String> links = new ArrayList<>();

	private final List<String> problems = new ArrayList<>();

	ImportedPerson(int row) {
		this.row = row;
	}

	int row() {
		return row;
	}

	/** Why the row cannot become a contact as it is, as read; empty when it reads well. */
	List<String> problems() {
		return List.copyOf(problems);
	}

	ImportedPerson displayName(String value) {
		displayName = text("name", value);
		return this;
	}

	ImportedPerson givenName(String value) {
		givenName = text("given name", value);
		return this;
	}

	ImportedPerson familyName(String value) {
		familyName = text("family name", value);
		return this;
	}

	ImportedPerson company(String value) {
		company = company == null ? text("company", value) : company;
		return this;
	}

	ImportedPerson title(String value) {
		title = title == null ? text("title", value) : title;
		return this;
	}

	ImportedPerson location(String value) {
		location = location == null ? text("location", value) : location;
		return this;
	}

	/**
	 * The id of the Rapport contact this person was exported from ({@code urn:uuid:...} or the bare id), when the
	 * file came from a Rapport export; anything else is no such id and is ignored.
	 */
	ImportedPerson contactId(String value) {
		if (value != null) {
			String id = value.strip().toLowerCase(java.util.Locale.ROOT);
			id = id.startsWith("urn:uuid:") ? id.substring("urn:uuid:".length()) : id;
			try {
				contactId = java.util.UUID.fromString(id);
			}
			catch (IllegalArgumentException notAnId) {
				// another application's UID: not ours to match
			}
		}
		return this;
	}

	java.util.UUID contactId() {
		return contactId;
	}

	ImportedPerson met(String place, LocalDate on) {
		metPlace = place;
		metOn = on;
		return this;
	}

	/** An address, or several joined by {@value #GOOGLE_SEPARATOR}; the same address twice is kept once. */
	ImportedPerson email(String value, String label) {
		for (String address : split(text("email", value))) {
			if (emailAddresses.add(ContactKeys.email(address))) {
				emails.add(new EmailAddress(address, label(label)));
			}
		}
		return this;
	}

	ImportedPerson phone(String value, String label) {
		for (String number : split(text("phone", value))) {
			phones.add(new PhoneNumber(number, label(label)));
		}
		return this;
	}

	ImportedPerson note(String value) {
		String note = text("notes", value);
		if (note != null) {
			notes.add(note);
		}
		return this;
	}

	ImportedPerson link(String value) {
		links.addAll(split(text("link", value)));
		return this;
	}

	/** A date the file gave as text: reported on the row when it is not a date. */
	ImportedPerson date(Kind kind, String label, String field, String value) {
		String text = text(field, value);
		if (text == null || ImportDates.isNone(text)) {
			return this;
		}
		ImportDates.parse(text).ifPresentOrElse(date -> date(kind, label, date), () -> problems
			.add(field + " '" + text + "' is not a date (e.g. 1985-04-12, --04-12, 4/12/1985, 12 Apr 1985)"));
		return this;
	}

	ImportedPerson date(Kind kind, String label, ImportDates.DayOfYear date) {
		if (date != null) {
			dates.add(new ImportantDate(kind, kind == Kind.CUSTOM ? label : null, date.month(), date.day(),
					date.year()));
		}
		return this;
	}

	void problem(String problem) {
		problems.add(problem);
	}

	/** The contact this person becomes, with these tags (the import's). */
	ContactDraft draft(List<String> tags) {
		String name = displayName;
		if (name == null) {
			name = join(" ", givenName, familyName);
		}
		if (name == null) {
			name = company;
		}
		if (name == null && !emails.isEmpty()) {
			name = emails.getFirst().address();
		}
		List<String> context = new ArrayList<>(notes);
		if (!links.isEmpty()) {
			context.add("Links: " + String.join(" ", links));
		}
		HowWeMet howWeMet = metPlace == null && metOn == null ? null : new HowWeMet(metPlace, metOn, null, null);
		return new ContactDraft(name, givenName, familyName, emails, phones, company, title, location, howWeMet,
				tags, List.of(), context.isEmpty() ? null : String.join("\n\n", context), dates, null, null);
	}

	private String text(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String stripped = value.strip();
		return TextRules.problem(stripped).map(problem -> {
			problems.add(field + " " + problem);
			return (String) null;
		}).orElse(stripped);
	}

	private static List<String> split(String value) {
		if (value == null) {
			return List.of();
		}
		return java.util.Arrays.stream(SEPARATOR.split(value))
			.map(String::strip)
			.filter(part -> !part.isEmpty())
			.toList();
	}

	/** Labels as people read them: "work", "mobile"; "* My Contacts"-style markers and "pref" are dropped. */
	private static String label(String label) {
		if (label == null || label.isBlank()) {
			return null;
		}
		String cleaned = label.replace("*", "").strip().toLowerCase(java.util.Locale.ROOT);
		return cleaned.isEmpty() || cleaned.equals("pref") || cleaned.equals("internet") || cleaned.length() > 50
				? null : cleaned;
	}

	private static String join(String separator, String... parts) {
		String joined = String.join(separator,
				java.util.Arrays.stream(parts).filter(part -> part != null && !part.isBlank()).toList());
		return joined.isEmpty() ? null : joined;
	}

}
