package dev.rapport.contacts.importing;

import java.net.URI;

import org.springframework.http.HttpStatus;

import dev.rapport.platform.web.ApiException;
import dev.rapport.platform.web.Problems;

/** Why a file cannot be imported at all; each answer changes nothing. */
final class ImportProblems {

	static final URI UNSUPPORTED = URI.create(Problems.BASE + "unsupported-import");

	static final URI ENCODING = URI.create(Problems.BASE + "import-encoding");

	static final URI EMPTY = URI.create(Problems.BASE + "empty-import");

	static final String KNOWN_FORMATS = "a vCard (3.0 or 4.0), or a CSV export of Google Contacts, Outlook or "
			+ "LinkedIn (Connections.csv)";

	private ImportProblems() {
	}

	static ApiException unsupportedMediaType(String contentType) {
		return ApiException.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED, "Unsupported file type",
				"Send the file itself as the body (text/vcard, text/csv or application/octet-stream), not "
						+ contentType + ": " + KNOWN_FORMATS);
	}

	static ApiException notAnAddressBook(String what) {
		return ApiException.of(HttpStatus.UNPROCESSABLE_CONTENT, UNSUPPORTED, "Not an address book",
				what + "; an import reads " + KNOWN_FORMATS);
	}

	static ApiException encoding(String detail) {
		return ApiException.of(HttpStatus.UNPROCESSABLE_CONTENT, ENCODING, "Unreadable encoding",
				detail + "; an import reads UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark, "
						+ "or Windows-1252");
	}

	static ApiException empty(String detail) {
		return ApiException.of(HttpStatus.UNPROCESSABLE_CONTENT, EMPTY, "Nothing to import", detail);
	}

}
