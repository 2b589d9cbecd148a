package dev.rapport.contacts.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.contacts.importing.ImportRow.Outcome;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.PageResponse;

/** The imports API: upload an address book, look at the preview, confirm, follow the job, undo. */
@RestController
@RequestMapping(ImportController.PATH)
@Tag(name = "Imports", description = "Bring contacts in from vCard, Google Contacts, Outlook and LinkedIn files")
public class ImportController {

	static final String PATH = "/api/imports";

	/** What an upload may say it is; the format itself is told from the content. */
	private static final Set<String> ACCEPTED_TYPES = Set.of("text/csv", "text/vcard", "text/x-vcard",
			"text/directory", "text/plain", "application/csv", "application/vnd.ms-excel", "application/octet-stream");

	private final ImportService imports;

	public ImportController(ImportService imports) {
		this.imports = imports;
	}

	@PostMapping
	@Operation(operationId = "uploadImport", summary = "Upload a file and get its preview",
			description = "The body is the file itself: a vCard (3.0 or 4.0, many cards), or a CSV export of Google "
					+ "Contacts, Outlook or LinkedIn (Connections.csv). The format is told from the content; UTF-8 "
					+ "(with or without BOM), UTF-16 with BOM and Windows-1252 are read. Nothing is created yet: the "
					+ "answer is the import with its preview (per row: CREATE, EXISTING or INVALID with the reason; "
					+ "see /rows). Limited to rapport.imports.max-file-size (10 MB by default): 413 beyond it. A file "
					+ "that is no address book, or cannot be decoded, or is empty: 422, nothing stored.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = { @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")),
							@Content(mediaType = "text/vcard", schema = @Schema(type = "string", format = "binary")),
							@Content(mediaType = "application/octet-stream",
									schema = @Schema(type = "string", format = "binary")) }))
	public ResponseEntity<ContactImport> upload(
			@Parameter(description = "The file's name, shown with the import") @RequestParam(required = false)
			@Size(max = 255) String fileName,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
			@Parameter(hidden = true) HttpServletRequest request, @Parameter(hidden = true) Caller caller) {
		checkContentType(contentType);
		try {
			ContactImport created = imports.upload(caller, fileName, request.getInputStream());
			return ResponseEntity.created(URI.create(PATH + "/" + created.id())).body(created);
		}
		catch (IOException failed) {
			throw new UncheckedIOException(failed);
		}
	}

	@GetMapping
	@Operation(operationId = "listImports", summary = "Your imports, newest first")
	public PageResponse<ContactImport> list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size,
			@Parameter(hidden = true) Caller caller) {
		return imports.list(caller, page, size);
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getImport", summary = "An import: its preview, and its job's progress",
			description = "status, rowsDone of totalRows, and the rows per outcome (preview) and per state (results).")
	public ContactImport get(@PathVariable UUID id, @Parameter(hidden = true) Caller caller) {
		return imports.get(caller, id);
	}

	@GetMapping("/{id}/rows")
	@Operation(operationId = "listImportRows", summary = "An import's rows, a page at a time",
			description = "Each row as read, what the preview said of it and why, and what the job did.")
	public PageResponse<ImportRow> rows(@PathVariable UUID id,
			@Parameter(description = "Only the rows with this preview outcome") @RequestParam(required = false)
			Outcome outcome, @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size,
			@Parameter(hidden = true) Caller caller) {
		return imports.rows(caller, id, outcome, page, size);
	}

	@PostMapping("/{id}/confirm")
	@Operation(operationId = "confirmImport", summary = "Create the previewed contacts",
			description = "Runs as a job (202): follow it with GET. Rows to create become contacts tagged with the "
					+ "import's tag; rows existing or invalid are skipped. Contacts created by an earlier import of "
					+ "yours are not created again. Confirming again changes nothing.")
	public ResponseEntity<ContactImport> confirm(@PathVariable UUID id, @Parameter(hidden = true) Caller caller) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(imports.confirm(caller, id));
	}

	@PostMapping("/{id}/undo")
	@Operation(operationId = "undoImport", summary = "Erase the contacts this import created",
			description = "Runs as a job (202) once the import is done (409 before). Each contact is erased as "
					+ "DELETE /api/contacts/{id} would; a contact changed since the import is kept (row state KEPT). "
					+ "Nothing else is touched.")
	public ResponseEntity<ContactImport> undo(@PathVariable UUID id, @Parameter(hidden = true) Caller caller) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(imports.undo(caller, id));
	}

	private static void checkContentType(String contentType) {
		if (contentType == null || contentType.isBlank()) {
			return;
		}
		String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
		if (!ACCEPTED_TYPES.contains(type)) {
			throw ImportProblems.unsupportedMediaType(type);
		}
	}

}
