package dev.rapport.contacts.importing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.contacts.contact.ContactService;
import dev.rapport.contacts.contact.ContactService.Erasure;
import dev.rapport.contacts.contact.ContactService.Outcome;
import dev.rapport.contacts.importing.ContactImport.Status;
import dev.rapport.contacts.importing.ImportRepository.ClaimedRow;
import dev.rapport.contacts.importing.ImportRepository.RowResult;
import dev.rapport.contacts.importing.ImportRepository.StoredImport;
import dev.rapport.contacts.importing.ImportRow.State;
import dev.rapport.platform.security.Caller;

/**
 * Works through confirmed imports (creating their contacts) and undone ones (erasing them), a batch of rows per
 * transaction. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}: several instances share the work, and the rows
 * of a worker that stopped mid-batch (its transaction rolled back with its connection) are claimed again, so an
 * import resumes after a restart and creates every contact once. A batch's contacts are created together through
 * {@link ContactService#createEach}, so their events go through the outbox in the batch's transaction.
 */
public class ImportWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);

	private final ImportRepository imports;

	private final ContactService contacts;

	private final TransactionTemplate transactions;

	private final ImportProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Object wakeUp = new Object();

	private volatile boolean running;

	private volatile boolean woken;

	private Thread thread;

	public ImportWorker(ImportRepository imports, ContactService contacts, TransactionTemplate transactions,
			ImportProperties properties, Clock clock, MeterRegistry meters) {
		this.imports = imports;
		this.contacts = contacts;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
	}

	/** Runs batches until there is no work left that no one else holds; the number of rows dealt with. */
	public int drain() {
		int total = 0;
		for (int done = processBatch(); done > 0; done = processBatch()) {
			total += done;
		}
		return total;
	}

	/**
	 * One batch in one transaction: rows of the oldest import with work that no other worker holds. An import none
	 * of whose rows are left is marked done (or undone). Returns the rows dealt with (0: nothing to do now).
	 */
	public int processBatch() {
		Integer done = transactions.execute(status -> {
			for (StoredImport work : imports.withWork(20)) {
				int n = work.status() == Status.RUNNING ? create(work) : undo(work);
				if (n > 0) {
					return n;
				}
			}
			return 0;
		});
		return done == null ? 0 : done;
	}

	private int create(StoredImport work) {
		imports.lockMember(work.teamId(), work.ownerId());
		List<ClaimedRow> rows = imports.claim(work.id(), State.PENDING, properties.batchSize());
		if (rows.isEmpty()) {
			finishIfNothingLeft(work, State.PENDING, Status.DONE);
			return 0;
		}
		Caller caller = callerOf(work);
		Map<String, UUID> elsewhere = imports.createdElsewhere(work.teamId(), work.ownerId(), work.id(),
				rows.stream().map(ClaimedRow::rowKey).toList());
		List<RowResult> results = new ArrayList<>(rows.size());
		List<ClaimedRow> toCreate = new ArrayList<>(rows.size());
		for (ClaimedRow row : rows) {
			UUID otherImport = elsewhere.get(row.rowKey());
			if (otherImport != null) {
				results.add(new RowResult(row.row(), State.SKIPPED, "imported by import " + otherImport, null));
				continue;
			}
			toCreate.add(row);
		}
		List<Outcome> outcomes = contacts.createEach(caller, toCreate.stream().map(ClaimedRow::draft).toList());
		for (int i = 0; i < toCreate.size(); i++) {
			Outcome outcome = outcomes.get(i);
			results.add(outcome.created() != null
					? new RowResult(toCreate.get(i).row(), State.CREATED, null, outcome.created().id())
					: new RowResult(toCreate.get(i).row(), State.INVALID,
							outcome.problems().getFirst().field() + " " + outcome.problems().getFirst().message(), null));
		}
		imports.finish(work.id(), results);
		count(results);
		return rows.size();
	}

	private int undo(StoredImport work) {
		List<ClaimedRow> rows = imports.claim(work.id(), State.CREATED, properties.batchSize());
		if (rows.isEmpty()) {
			finishIfNothingLeft(work, State.CREATED, Status.UNDONE);
			return 0;
		}
		Caller caller = callerOf(work);
		List<RowResult> results = new ArrayList<>(rows.size());
		for (ClaimedRow row : rows) {
			Erasure erasure = row.contactId() == null ? Erasure.GONE
					: contacts.eraseIfUnchanged(caller, row.contactId(), 1);
			results.add(erasure == Erasure.CHANGED
					? new RowResult(row.row(), State.KEPT, "changed since the import: kept", row.contactId())
					: new RowResult(row.row(), State.UNDONE, null, null));
		}
		imports.finish(work.id(), results);
		count(results);
		return rows.size();
	}

	private void finishIfNothingLeft(StoredImport work, State left, Status next) {
		if (!imports.hasRowsIn(work.id(), left)
				&& imports.transition(work.teamId(), work.ownerId(), work.id(), work.status(), next, now())) {
			log.info("Import {} {} (team {}, member {})", work.id(), next == Status.DONE ? "done" : "undone",
					work.teamId(), work.ownerId());
		}
	}

	private void count(List<RowResult> results) {
		for (RowResult result : results) {
			meters.counter("rapport.imports.rows", "state", result.state().name().toLowerCase(Locale.ROOT)).increment();
		}
	}

	private static Caller callerOf(StoredImport work) {
		return new Caller(work.ownerId(), work.teamId(), Set.of());
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/** Work was committed: run now rather than at the next poll. */
	void wakeUp() {
		synchronized (wakeUp) {
			woken = true;
			wakeUp.notifyAll();
		}
	}

	private void loop() {
		while (running) {
			try {
				if (drain() > 0) {
					continue;
				}
			}
			catch (RuntimeException failed) {
				log.warn("Import batch failed; trying again in {}", properties.pollInterval(), failed);
			}
			synchronized (wakeUp) {
				if (!woken && running) {
					try {
						wakeUp.wait(properties.pollInterval().toMillis());
					}
					catch (InterruptedException interrupted) {
						Thread.currentThread().interrupt();
						return;
					}
				}
				woken = false;
			}
		}
	}

	@Override
	public void start() {
		running = true;
		thread = Thread.ofVirtual().name("import-worker").start(this::loop);
	}

	/** Stops after the batch under way: what it has not committed, the next worker claims again. */
	@Override
	public void stop() {
		running = false;
		wakeUp();
		if (thread != null) {
			try {
				thread.join(30_000);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
