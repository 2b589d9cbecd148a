package dev.rapport.contacts.exporting;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import dev.rapport.contacts.contact.Contact;
import dev.rapport.platform.security.Caller;

/** The export API: one contact, a tag's contacts or everything the caller can see, as vCard 4.0 or CSV. */
@RestController
@RequestMapping("/api/contacts")
@Tag(name = "Export", description = "Take your contacts elsewhere: vCard 4.0 or a Google Contacts CSV")
public class ExportController {

	private final ContactExport export;

	private final Clock clock;

	public ExportController(ContactExport export, Clock clock) {
		this.export = export;
		this.clock = clock;
	}

	@GetMapping("/export")
	@Operation(summary = "Export the contacts you can see",
			description = "Streamed as it is read: format=vcard (vCard 4.0, text/vcard) or csv (Google Contacts' "
					+ "columns, text/csv); tag= only those with that tag. Archived contacts are included. Importing "
					+ "the file again creates nothing: every row previews as EXISTING.")
	public ResponseEntity<StreamingResponseBody> exportAll(
			@Parameter(description = "vcard or csv") @RequestParam(defaultValue = "vcard") String format,
			@Parameter(description = "only the contacts with this tag") @RequestParam(required = false) String tag,
			@Parameter(hidden = true) Caller caller) {
		ExportFormat chosen = ExportFormat.of(format);
		String onlyTag = tag == null || tag.isBlank() ? null : tag;
		String name = "rapport-contacts" + (onlyTag == null ? "" : "-" + onlyTag.strip()) + "-" + LocalDate.now(clock);
		return response(chosen, name, out -> export.all(caller, onlyTag, chosen, out));
	}

	@GetMapping("/{id}/export")
	@Operation(summary = "Export one contact", description = "format=vcard (default) or csv; 404 for a contact you "
			+ "cannot see.")
	public ResponseEntity<StreamingResponseBody> exportOne(@PathVariable UUID id,
			@Parameter(description = "vcard or csv") @RequestParam(defaultValue = "vcard") String format,
			@Parameter(hidden = true) Caller caller) {
		ExportFormat chosen = ExportFormat.of(format);
		Contact contact = export.one(caller, id);
		return response(chosen, contact.displayName(), out -> export.write(contact, chosen, out));
	}

	private static ResponseEntity<StreamingResponseBody> response(ExportFormat format, String name,
			StreamingResponseBody body) {
		String fileName = name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_") + "." + format.extension();
		return ResponseEntity.ok()
			.contentType(format.mediaType())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(body);
	}

}
