package dev.rapport.contacts.importing;

/** The address-book files an import reads, each recognised by its content. */
public enum ImportFormat {

	/** vCard 3.0 or 4.0 (RFC 6350): a phone's, Apple's or Google's export, one or many cards. */
	VCARD("vcard"),
	/** Google Contacts' CSV export (the current one and the older "Given Name / Family Name" one). */
	GOOGLE_CSV("google"),
	/** Outlook's CSV export ("E-mail Address", "Business Phone", ...), usually in Windows-1252. */
	OUTLOOK_CSV("outlook"),
	/** LinkedIn's Connections.csv: a few lines of notes, then First Name, Last Name, URL, ... Connected On. */
	LINKEDIN_CSV("linkedin");

	private final String slug;

	ImportFormat(String slug) {
		this.slug = slug;
	}

	/** The word in the tag imported contacts get ({@code imported:linkedin-2026-12}). */
	public String slug() {
		return slug;
	}

}
