package dev.rapport.contacts.importing;

/**
 * Which column of a Google Contacts CSV holds which field of a contact: the one place both the import (reading
 * Google's exports) and the export (writing a CSV Google and Rapport read back) take the column names from. The
 * older export's names ("Given Name", "Organization 1 - Name") are read too, never written.
 */
public final class GoogleCsvColumns {

	/** Google puts several values in one cell this way ("a@x.org ::: b@x.org"). */
	public static final String SEPARATOR = ImportedPerson.GOOGLE_SEPARATOR;

	public static final String NAME = "Name";

	public static final String FIRST_NAME = "First Name";

	public static final String LAST_NAME = "Last Name";

	public static final String ORGANIZATION = "Organization Name";

	public static final String TITLE = "Organization Title";

	public static final String BIRTHDAY = "Birthday";

	public static final String NOTES = "Notes";

	public static final String LABELS = "Labels";

	/**
	 * Not Google's: the contact's id in Rapport, so that a file exported from Rapport and imported again is known
	 * for the contacts it holds, even those without an email (Google ignores a column it does not know).
	 */
	public static final String RAPPORT_ID = "Rapport ID";

	static final String OLD_FIRST_NAME = "Given Name";

	static final String OLD_LAST_NAME = "Family Name";

	static final String OLD_ORGANIZATION = "Organization 1 - Name";

	static final String OLD_TITLE = "Organization 1 - Title";

	/** Google numbers its repeated columns: "E-mail 1 - Value", "E-mail 2 - Value", ... up to this many are read. */
	public static final int REPEATS = 10;

	private GoogleCsvColumns() {
	}

	public static String emailLabel(int i) {
		return "E-mail " + i + " - Label";
	}

	static String oldEmailType(int i) {
		return "E-mail " + i + " - Type";
	}

	public static String emailValue(int i) {
		return "E-mail " + i + " - Value";
	}

	public static String phoneLabel(int i) {
		return "Phone " + i + " - Label";
	}

	static String oldPhoneType(int i) {
		return "Phone " + i + " - Type";
	}

	public static String phoneValue(int i) {
		return "Phone " + i + " - Value";
	}

	public static String websiteValue(int i) {
		return "Website " + i + " - Value";
	}

	/** An event's label: "Anniversary" is the contact's anniversary, any other names a custom date. */
	public static String eventLabel(int i) {
		return "Event " + i + " - Label";
	}

	public static String eventValue(int i) {
		return "Event " + i + " - Value";
	}

	/** The label of an anniversary's event. */
	public static final String ANNIVERSARY = "Anniversary";

	/** A date as Google writes it: {@code 1985-04-12}, or {@code --04-12} without the year (both are read back). */
	public static String dateValue(int month, int day, Integer year) {
		return year == null ? "--%02d-%02d".formatted(month, day) : "%04d-%02d-%02d".formatted(year, month, day);
	}

	public static String addressCity(int i) {
		return "Address " + i + " - City";
	}

	public static String addressCountry(int i) {
		return "Address " + i + " - Country";
	}

}
