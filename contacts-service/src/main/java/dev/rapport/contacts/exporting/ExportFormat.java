package dev.rapport.contacts.exporting;

import java.io.Writer;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.http.MediaType;

import dev.rapport.platform.web.ApiException;

/** What an export writes: vCard 4.0 (RFC 6350) or a Google Contacts CSV, both read back by the import. */
enum ExportFormat {

	VCARD("vcf", MediaType.parseMediaType("text/vcard;charset=utf-8")),
	CSV("csv", MediaType.parseMediaType("text/csv;charset=utf-8"));

	private final String extension;

	private final MediaType mediaType;

	ExportFormat(String extension, MediaType mediaType) {
		this.extension = extension;
		this.mediaType = mediaType;
	}

	String extension() {
		return extension;
	}

	MediaType mediaType() {
		return mediaType;
	}

	ContactWriter open(Writer out) {
		return switch (this) {
			case VCARD -> new VCardWriterOfContacts(out);
			case CSV -> new CsvWriterOfContacts(out);
		};
	}

	/** The format a {@code format} parameter names (vcard, csv; any case); 400 naming the field otherwise. */
	static ExportFormat of(String name) {
		return Arrays.stream(values())
			.filter(format -> format.name().equalsIgnoreCase(name == null ? "" : name.strip()))
			.findFirst()
			.orElseThrow(() -> ApiException.invalid("format", "must be one of " + Arrays.stream(values())
				.map(format -> format.name().toLowerCase(Locale.ROOT))
				.collect(Collectors.joining(", "))));
	}

}
