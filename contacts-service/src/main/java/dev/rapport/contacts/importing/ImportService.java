package dev.rapport.contacts.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.contacts.contact.ContactDraft;
import dev.rapport.contacts.contact.ContactDraft.EmailAddress;
import dev.rapport.contacts.contact.ContactKeys;
import dev.rapport.contacts.contact.ContactService;
import dev.rapport.contacts.importing.ContactImport.Preview;
import dev.rapport.contacts.importing.ContactImport.Results;
import dev.rapport.contacts.importing.ContactImport.Status;
import dev.rapport.contacts.importing.ImportRepository.Counts;
import dev.rapport.contacts.importing.ImportRepository.NewRow;
import dev.rapport.contacts.importing.ImportRepository.StoredImport;
import dev.rapport.contacts.importing.ImportRow.Outcome;
import dev.rapport.contacts.importing.ImportRow.State;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.transaction.AfterCommit;
import dev.rapport.platform.web.ApiException;
import dev.rapport.platform.web.PageResponse;
import dev.rapport.platform.web.PayloadTooLargeException;

/**
 * Imports of a member's address book: an upload is read into a preview (per row: create, existing or invalid, and
 * why), a confirmation hands the rows to {@link ImportWorker}, an undo erases what the import created. An import is
 * its member's alone: anyone else (teammates too) is told it does not exist.
 */
@Service
public class ImportService {

	private static final Logger log = LoggerFactory.getLogger(ImportService.class);

	/** Rows read, checked and written per round of the preview. */
	private static final int PREVIEW_CHUNK = 1000;

	private final ImportRepository imports;

	private final ContactService contacts;

	private final ImportProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	private final MeterRegistry meters;

	private final TransactionTemplate transactions;

	private final List<Runnable> workListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

	public ImportService(ImportRepository imports, ContactService contacts, ImportProperties properties,
			JsonMapper json, PlatformTransactionManager transactionManager, Clock clock, MeterRegistry meters) {
		this.imports = imports;
		this.transactions = new TransactionTemplate(transactionManager);
		this.contacts = contacts;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
		this.meters = meters;
	}

	/** Called after a confirmation or an undo commits: the worker starts at once instead of at its next poll. */
	void onWork(Runnable listener) {
		workListeners.add(listener);
	}

	/**
	 * Reads {@code body} (streamed to a temporary file, never held in memory whole) and stores the import with its
	 * preview. A file that cannot be read as a whole (not an address book, unreadable encoding, empty) is refused
	 * and nothing is stored; a row that cannot be read is stored as invalid, with the reason, and the rest go on.
	 * The upload itself happens outside any transaction: a slow client holds no database connection.
	 */
	public ContactImport upload(Caller caller, String fileName, InputStream body) {
		Path file = null;
		Timer.Sample sample = Timer.start(meters);
		try {
			file = Files.createTempFile("rapport-import-", ".upload");
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			long size;
			try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
				size = body.transferTo(out);
			}
			if (size > properties.maxFileSize().toBytes()) {
				throw new PayloadTooLargeException(properties.maxFileSize().toBytes());
			}
			if (size == 0) {
				throw ImportProblems.empty("The file is empty");
			}
			FileEncoding encoding = FileEncoding.of(file);
			String digest = HexFormat.of().formatHex(sha256.digest());
			try (ContactFile contactFile = ContactFile.open(file, encoding)) {
				ContactImport preview = transactions.execute(status -> {
					try {
						return preview(caller, fileName, contactFile, encoding, digest, size);
					}
					catch (IOException failed) {
						throw new UncheckedIOException(failed);
					}
				});
				sample.stop(meters.timer("rapport.imports.preview", "format", contactFile.format().name()));
				return preview;
			}
		}
		catch (IOException failed) {
			throw new UncheckedIOException(failed);
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
		finally {
			if (file != null) {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ignored) {
					log.warn("Could not delete the temporary upload {}", file);
				}
			}
		}
	}

	private ContactImport preview(Caller caller, String fileName, ContactFile file, FileEncoding encoding,
			String sha256, long size) throws IOException {
		Instant now = now();
		String tag = "imported:" + file.format().slug() + "-" + YearMonth.from(now.atOffset(ZoneOffset.UTC));
		StoredImport stored = new StoredImport(UUID.randomUUID(), caller.teamId(), caller.userId(), fileName,
				file.format(), encoding.name(), sha256, size, tag, Status.PREVIEW, 0, now, null, null, null);
		imports.insert(stored);
		Set<String> visibleEmails = contacts.visibleEmails(caller);
		Map<String, Integer> keysInFile = new HashMap<>();
		Map<String, Integer> emailsInFile = new HashMap<>();
		int total = 0;
		List<ImportedPerson> chunk = new ArrayList<>(PREVIEW_CHUNK);
		for (ImportedPerson person = file.next(); person != null; person = file.next()) {
			chunk.add(person);
			if (chunk.size() == PREVIEW_CHUNK) {
				total += previewChunk(stored, chunk, visibleEmails, keysInFile, emailsInFile);
				chunk.clear();
			}
		}
		total += previewChunk(stored, chunk, visibleEmails, keysInFile, emailsInFile);
		if (total == 0) {
			throw ImportProblems.empty("The file has no contacts in it (a header, or cards, with nobody inside)");
		}
		imports.setTotalRows(stored.id(), total);
		StoredImport withTotal = imports.find(caller.teamId(), caller.userId(), stored.id()).orElseThrow();
		ContactImport view = view(withTotal);
		log.info("Import {} previewed for {} (team {}): {} {} rows from {} ({}): {}", stored.id(), caller.userId(),
				caller.teamId(), total, file.format(), fileName, encoding.name(), view.preview());
		return view;
	}

	private int previewChunk(StoredImport stored, List<ImportedPerson> people, Set<String> visibleEmails,
			Map<String, Integer> keysInFile, Map<String, Integer> emailsInFile) {
		if (people.isEmpty()) {
			return 0;
		}
		List<String> keys = people.stream().map(person -> rowKey(person.draft(List.of()))).toList();
		Set<String> importedBefore = imports.importedBefore(stored.teamId(), stored.ownerId(), keys);
		Set<UUID> visibleIds = contacts.visibleIds(new Caller(stored.ownerId(), stored.teamId(), Set.of()),
				people.stream().map(ImportedPerson::contactId).filter(java.util.Objects::nonNull).toList());

		List<NewRow> rows = new ArrayList<>(people.size());
		for (int i = 0; i < people.size(); i++) {
			ImportedPerson person = people.get(i);
			ContactDraft draft = person.draft(List.of(stored.tag()));
			String key = keys.get(i);
			List<String> problems = new ArrayList<>(person.problems());
			contacts.problemsOf(draft)
				.forEach(problem -> problems.add(problem.field() + " " + problem.message()));
			NewRow row;
			if (!problems.isEmpty()) {
				row = new NewRow(person.row(), key, Outcome.INVALID, State.INVALID, String.join("; ", problems), draft);
			}
			else {
				String existing = person.contactId() != null && visibleIds.contains(person.contactId())
						? "exported from a contact you can see" : existing(person.row(), key, draft, visibleEmails,
								importedBefore, keysInFile, emailsInFile);
				row = existing == null ? new NewRow(person.row(), key, Outcome.CREATE, State.PENDING, null, draft)
						: new NewRow(person.row(), key, Outcome.EXISTING, State.SKIPPED, existing, draft);
			}
			rows.add(row);
			meters.counter("rapport.imports.previewed", "outcome", row.outcome().name().toLowerCase(Locale.ROOT))
				.increment();
		}
		imports.insertRows(stored.id(), stored.teamId(), stored.ownerId(), rows);
		return rows.size();
	}

	/** Why the row looks like someone the member has already, or null when it does not. */
	private static String existing(int row, String key, ContactDraft draft, Set<String> visibleEmails,
			Set<String> importedBefore, Map<String, Integer> keysInFile, Map<String, Integer> emailsInFile) {
		if (importedBefore.contains(key)) {
			return "imported before";
		}
		Integer sameRow = keysInFile.putIfAbsent(key, row);
		if (sameRow != null) {
			return "the same as row " + sameRow;
		}
		for (EmailAddress email : draft.emails()) {
			String address = ContactKeys.email(email.address());
			if (visibleEmails.contains(address)) {
				return "a contact you can see has the email " + email.address();
			}
			Integer sameEmail = emailsInFile.get(address);
			if (sameEmail != null) {
				return "the same email as row " + sameEmail + " (" + email.address() + ")";
			}
		}
		draft.emails().forEach(email -> emailsInFile.putIfAbsent(ContactKeys.email(email.address()), row));
		return null;
	}

	/** Who the row is, independent of the file's name, its format's tag and the month it was imported in. */
	String rowKey(ContactDraft untagged) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of()
				.formatHex(sha256.digest(json.writeValueAsString(untagged).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	@Transactional(readOnly = true)
	public ContactImport get(Caller caller, UUID id) {
		return view(own(caller, id));
	}

	@Transactional(readOnly = true)
	public PageResponse<ContactImport> list(Caller caller, int page, int size) {
		List<ContactImport> items = imports.list(caller.teamId(), caller.userId(), size, (long) page * size)
			.stream()
			.map(this::view)
			.toList();
		return PageResponse.of(items, page, size, imports.count(caller.teamId(), caller.userId()));
	}

	@Transactional(readOnly = true)
	public PageResponse<ImportRow> rows(Caller caller, UUID id, Outcome outcome, int page, int size) {
		StoredImport stored = own(caller, id);
		return PageResponse.of(imports.rows(stored.id(), outcome, size, (long) page * size), page, size,
				imports.countRows(stored.id(), outcome));
	}

	/**
	 * Starts the import's job. Confirming again while it runs or once it is done answers with its state and does
	 * nothing more.
	 */
	@Transactional
	public ContactImport confirm(Caller caller, UUID id) {
		StoredImport stored = own(caller, id);
		if (stored.status() == Status.PREVIEW) {
			imports.transition(caller.teamId(), caller.userId(), id, Status.PREVIEW, Status.RUNNING, now());
			log.info("Import {} confirmed by {} (team {})", id, caller.userId(), caller.teamId());
			wakeWorkerAfterCommit();
		}
		else if (stored.status() == Status.UNDOING || stored.status() == Status.UNDONE) {
			throw ApiException.conflict("This import has been undone; upload the file again to import it anew");
		}
		return view(own(caller, id));
	}

	/**
	 * Erases the contacts this import created, through the contacts' own erase path (so their erasure reaches every
	 * service), except those changed since the import: someone edited them, they are kept (state KEPT).
	 */
	@Transactional
	public ContactImport undo(Caller caller, UUID id) {
		StoredImport stored = own(caller, id);
		switch (stored.status()) {
			case PREVIEW -> throw ApiException.conflict("This import has not been confirmed: nothing to undo");
			case RUNNING -> throw ApiException.conflict("This import is still running; undo it once it is done");
			case DONE -> {
				imports.transition(caller.teamId(), caller.userId(), id, Status.DONE, Status.UNDOING, now());
				log.info("Import {} being undone by {} (team {})", id, caller.userId(), caller.teamId());
				wakeWorkerAfterCommit();
			}
			case UNDOING, UNDONE -> {
				// already under way, or done: nothing more to do
			}
		}
		return view(own(caller, id));
	}

	private StoredImport own(Caller caller, UUID id) {
		return imports.find(caller.teamId(), caller.userId(), id).orElseThrow(() -> ApiException.notFound("Import", id));
	}

	private ContactImport view(StoredImport i) {
		Counts counts = imports.counts(i.id());
		Preview preview = new Preview(counts.outcome(Outcome.CREATE), counts.outcome(Outcome.EXISTING),
				counts.outcome(Outcome.INVALID));
		int pending = i.status() == Status.PREVIEW ? 0 : counts.state(State.PENDING);
		Results results = new Results(counts.state(State.CREATED), counts.state(State.SKIPPED),
				counts.state(State.INVALID), pending, counts.state(State.UNDONE), counts.state(State.KEPT));
		int rowsDone = i.status() == Status.PREVIEW ? 0 : i.totalRows() - counts.state(State.PENDING);
		return new ContactImport(i.id(), i.fileName(), i.format(), i.encoding(), i.contentSha256(), i.sizeBytes(),
				i.tag(), i.status(), i.totalRows(), rowsDone, preview, results, imports.earlierOfSameFile(i).orElse(null),
				i.createdAt(), i.confirmedAt(), i.finishedAt(), i.undoneAt());
	}

	private void wakeWorkerAfterCommit() {
		AfterCommit.run(() -> workListeners.forEach(Runnable::run));
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
