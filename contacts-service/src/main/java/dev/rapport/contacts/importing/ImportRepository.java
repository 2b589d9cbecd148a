package dev.rapport.contacts.importing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.rapport.contacts.contact.ContactDraft;
import dev.rapport.contacts.importing.ContactImport.Status;
import dev.rapport.contacts.importing.ImportRow.Outcome;
import dev.rapport.contacts.importing.ImportRow.State;

/** Imports and their rows in PostgreSQL; every read names the team and the member whose import it is. */
@Repository
class ImportRepository {

	private static final String IMPORT_COLUMNS = """
			id, team_id, owner_id, file_name, format, encoding, content_sha256, size_bytes, tag, status, total_rows,
			created_at, confirmed_at, finished_at, undone_at""";

	/** How many batches' worth of row numbers {@link #claim} looks at, from the first row still in the state. */
	private static final int CLAIM_WINDOW_BATCHES = 4;

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final JsonMapper json;

	ImportRepository(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.json = json;
	}

	/** The stored import, with the team and member it belongs to. */
	record StoredImport(UUID id, UUID teamId, UUID ownerId, String fileName, ImportFormat format, String encoding,
			String contentSha256, long sizeBytes, String tag, Status status, int totalRows, Instant createdAt,
			Instant confirmedAt, Instant finishedAt, Instant undoneAt) {
	}

	/** A row as the preview wrote it. */
	record NewRow(int row, String rowKey, Outcome outcome, State state, String reason, ContactDraft draft) {
	}

	/** A row the worker has claimed. */
	record ClaimedRow(UUID importId, int row, String rowKey, ContactDraft draft, UUID contactId) {
	}

	void insert(StoredImport i) {
		jdbc.sql("""
				insert into contact_import (id, team_id, owner_id, file_name, format, encoding, content_sha256,
				  size_bytes, tag, status, total_rows, created_at)
				values (:id, :team, :owner, :fileName, :format, :encoding, :sha, :size, :tag, :status, :total, :createdAt)
				""")
			.param("id", i.id())
			.param("team", i.teamId())
			.param("owner", i.ownerId())
			.param("fileName", i.fileName())
			.param("format", i.format().name())
			.param("encoding", i.encoding())
			.param("sha", i.contentSha256())
			.param("size", i.sizeBytes())
			.param("tag", i.tag())
			.param("status", i.status().name())
			.param("total", i.totalRows())
			.param("createdAt", Timestamp.from(i.createdAt()))
			.update();
	}

	void setTotalRows(UUID id, int totalRows) {
		jdbc.sql("update contact_import set total_rows = :total where id = :id")
			.param("id", id)
			.param("total", totalRows)
			.update();
	}

	void insertRows(UUID importId, UUID teamId, UUID ownerId, List<NewRow> rows) {
		List<Object[]> args = new ArrayList<>(rows.size());
		for (NewRow row : rows) {
			args.add(new Object[] { importId, row.row(), teamId, ownerId, row.rowKey(), row.outcome().name(),
					row.state().name(), row.reason(), row.draft() == null ? null : row.draft().displayName(),
					row.draft() == null ? null : json.writeValueAsString(row.draft()) });
		}
		batch.batchUpdate("""
				insert into contact_import_row (import_id, row_number, team_id, owner_id, row_key, outcome, state, reason,
				  display_name, draft)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))
				""", args);
	}

	Optional<StoredImport> find(UUID teamId, UUID ownerId, UUID id) {
		return jdbc.sql("select " + IMPORT_COLUMNS
				+ " from contact_import where team_id = :team and owner_id = :owner and id = :id")
			.param("team", teamId)
			.param("owner", ownerId)
			.param("id", id)
			.query(this::mapImport)
			.optional();
	}

	List<StoredImport> list(UUID teamId, UUID ownerId, int limit, long offset) {
		return jdbc.sql("select " + IMPORT_COLUMNS + """
				 from contact_import where team_id = :team and owner_id = :owner
				order by created_at desc, id limit :limit offset :offset""")
			.param("team", teamId)
			.param("owner", ownerId)
			.param("limit", limit)
			.param("offset", offset)
			.query(this::mapImport)
			.list();
	}

	long count(UUID teamId, UUID ownerId) {
		return jdbc.sql("select count(*) from contact_import where team_id = :team and owner_id = :owner")
			.param("team", teamId)
			.param("owner", ownerId)
			.query(Long.class)
			.single();
	}

	/** An earlier import of the same file by the same member. */
	Optional<UUID> earlierOfSameFile(StoredImport i) {
		return jdbc.sql("""
				select id from contact_import
				where team_id = :team and owner_id = :owner and content_sha256 = :sha and created_at < :createdAt
				order by created_at limit 1
				""")
			.param("team", i.teamId())
			.param("owner", i.ownerId())
			.param("sha", i.contentSha256())
			.param("createdAt", Timestamp.from(i.createdAt()))
			.query(UUID.class)
			.optional();
	}

	/** Rows per preview outcome and per state. */
	record Counts(Map<Outcome, Integer> outcomes, Map<State, Integer> states) {

		int outcome(Outcome outcome) {
			return outcomes.getOrDefault(outcome, 0);
		}

		int state(State state) {
			return states.getOrDefault(state, 0);
		}

	}

	Counts counts(UUID importId) {
		Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
		Map<State, Integer> states = new EnumMap<>(State.class);
		jdbc.sql("select outcome, state, count(*) as n from contact_import_row where import_id = :id group by outcome, state")
			.param("id", importId)
			.query(rs -> {
				int n = rs.getInt("n");
				outcomes.merge(Outcome.valueOf(rs.getString("outcome")), n, Integer::sum);
				states.merge(State.valueOf(rs.getString("state")), n, Integer::sum);
			});
		return new Counts(outcomes, states);
	}

	List<ImportRow> rows(UUID importId, Outcome outcome, int limit, long offset) {
		return jdbc.sql("""
				select row_number, outcome, state, reason, contact_id, draft::text as draft from contact_import_row
				where import_id = :id and (cast(:outcome as text) is null or outcome = :outcome)
				order by row_number limit :limit offset :offset
				""")
			.param("id", importId)
			.param("outcome", outcome == null ? null : outcome.name())
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> new ImportRow(rs.getInt("row_number"), Outcome.valueOf(rs.getString("outcome")),
					State.valueOf(rs.getString("state")), rs.getString("reason"), rs.getObject("contact_id", UUID.class),
					draft(rs.getString("draft"))))
			.list();
	}

	long countRows(UUID importId, Outcome outcome) {
		return jdbc.sql("""
				select count(*) from contact_import_row
				where import_id = :id and (cast(:outcome as text) is null or outcome = :outcome)
				""")
			.param("id", importId)
			.param("outcome", outcome == null ? null : outcome.name())
			.query(Long.class)
			.single();
	}

	/** The keys among {@code rowKeys} this member has imported before (rows whose contact was created). */
	Set<String> importedBefore(UUID teamId, UUID ownerId, List<String> rowKeys) {
		return new HashSet<>(jdbc.sql("""
				select distinct row_key from contact_import_row
				where team_id = :team and owner_id = :owner and state = 'CREATED' and row_key = any(:keys)
				""")
			.param("team", teamId)
			.param("owner", ownerId)
			.param("keys", rowKeys.toArray(String[]::new))
			.query(String.class)
			.list());
	}

	/** Moves the import from {@code from} to {@code to}; false when it was not in {@code from}. */
	boolean transition(UUID teamId, UUID ownerId, UUID id, Status from, Status to, Instant now) {
		String stamp = switch (to) {
			case RUNNING -> "confirmed_at";
			case DONE -> "finished_at";
			case UNDONE -> "undone_at";
			default -> null;
		};
		return jdbc.sql("update contact_import set status = :to" + (stamp == null ? "" : ", " + stamp + " = :now")
				+ " where team_id = :team and owner_id = :owner and id = :id and status = :from")
			.param("team", teamId)
			.param("owner", ownerId)
			.param("id", id)
			.param("from", from.name())
			.param("to", to.name())
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	/** Imports with work for the worker, oldest first. */
	List<StoredImport> withWork(int limit) {
		return jdbc.sql("select " + IMPORT_COLUMNS + """
				 from contact_import where status in ('RUNNING', 'UNDOING')
				order by confirmed_at, id limit :limit""")
			.param("limit", limit)
			.query(this::mapImport)
			.list();
	}

	/**
	 * Locks up to {@code limit} rows of the import in {@code state} that no other worker holds: a worker that stops
	 * mid-batch loses its locks with its connection, and its rows are claimed again.
	 * <p>
	 * The rows are looked for a window of row numbers at a time, from the first row in {@code state} (the front of
	 * the state's partial index), never among all of them at once: {@code for update} puts the lock between the
	 * {@code limit} and the {@code order by}, so a plan that sorts sorts every candidate, not just {@code limit} of
	 * them. Right after the preview wrote its rows the table has no statistics, and PostgreSQL chose exactly that:
	 * a bitmap scan of all 100,000 pending rows, drafts and all, sorted on disk for every batch (0.3 to 0.6 s a
	 * batch, most of the job's time). With the window the worst plan sorts a few batches' worth. A window whose
	 * rows another worker holds (or that has too few rows in {@code state}) is passed for the next one.
	 */
	List<ClaimedRow> claim(UUID importId, State state, int limit) {
		List<ClaimedRow> claimed = new ArrayList<>(limit);
		int window = CLAIM_WINDOW_BATCHES * limit;
		Integer start = firstRow(importId, state, 0);
		while (start != null) {
			claimed.addAll(claimWindow(importId, state, start, start + window, limit - claimed.size()));
			if (claimed.size() == limit) {
				break;
			}
			start = firstRow(importId, state, start + window);
		}
		return claimed;
	}

	/**
	 * The first row number from {@code from} on of the import's rows in {@code state}, or null. The state is written
	 * into the statement, not bound: a generic plan of a prepared statement could not use the state's partial index,
	 * which only a constant matches.
	 */
	private Integer firstRow(UUID importId, State state, int from) {
		return jdbc.sql("""
				select row_number from contact_import_row
				where import_id = :id and state = '#' and row_number >= :from
				order by row_number limit 1
				""".replace("#", state.name()))
			.param("id", importId)
			.param("from", from)
			.query(Integer.class)
			.optional()
			.orElse(null);
	}

	private List<ClaimedRow> claimWindow(UUID importId, State state, int from, int to, int limit) {
		return jdbc.sql("""
				select import_id, row_number, row_key, draft::text as draft, contact_id from contact_import_row
				where import_id = :id and state = '#' and row_number >= :from and row_number < :to
				order by row_number limit :limit
				for update skip locked
				""".replace("#", state.name()))
			.param("id", importId)
			.param("from", from)
			.param("to", to)
			.param("limit", limit)
			.query((rs, n) -> new ClaimedRow(rs.getObject("import_id", UUID.class), rs.getInt("row_number"),
					rs.getString("row_key"), draft(rs.getString("draft")), rs.getObject("contact_id", UUID.class)))
			.list();
	}

	boolean hasRowsIn(UUID importId, State state) {
		return jdbc.sql("select exists (select 1 from contact_import_row where import_id = :id and state = :state)")
			.param("id", importId)
			.param("state", state.name())
			.query(Boolean.class)
			.single();
	}

	/** Serialises the workers of one member's imports, so two imports of the same people create them once. */
	void lockMember(UUID teamId, UUID ownerId) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:member, 0))")
			.param("member", teamId + "/" + ownerId)
			.query((rs, n) -> 1)
			.list();
	}

	/** Which of {@code rowKeys} another import of this member has already created. */
	Map<String, UUID> createdElsewhere(UUID teamId, UUID ownerId, UUID importId, List<String> rowKeys) {
		Map<String, UUID> found = new HashMap<>();
		jdbc.sql("""
				select row_key, import_id from contact_import_row
				where team_id = :team and owner_id = :owner and state = 'CREATED' and import_id <> :id
				  and row_key = any(:keys)
				""")
			.param("team", teamId)
			.param("owner", ownerId)
			.param("id", importId)
			.param("keys", rowKeys.toArray(String[]::new))
			.query(rs -> {
				found.putIfAbsent(rs.getString("row_key"), rs.getObject("import_id", UUID.class));
			});
		return found;
	}

	/** What the worker did with a row. */
	record RowResult(int row, State state, String reason, UUID contactId) {
	}

	/**
	 * Writes what the worker did with a batch's rows, in one statement (the results as arrays, joined on the row
	 * number), not one statement a row: 8 ms for 500 rows instead of 30.
	 */
	void finish(UUID importId, List<RowResult> results) {
		if (results.isEmpty()) {
			return;
		}
		jdbc.sql("""
				update contact_import_row r
				set state = v.state, reason = coalesce(v.reason, r.reason), contact_id = v.contact_id
				from unnest(cast(:rows as integer[]), cast(:states as text[]), cast(:reasons as text[]),
				  cast(:contacts as uuid[])) as v (row_number, state, reason, contact_id)
				where r.import_id = :id and r.row_number = v.row_number
				""")
			.param("id", importId)
			.param("rows", results.stream().map(RowResult::row).toArray(Integer[]::new))
			.param("states", results.stream().map(r -> r.state().name()).toArray(String[]::new))
			.param("reasons", results.stream().map(RowResult::reason).toArray(String[]::new))
			.param("contacts", results.stream().map(RowResult::contactId).toArray(UUID[]::new))
			.update();
	}

	private ContactDraft draft(String text) {
		return text == null ? null : json.readValue(text, ContactDraft.class);
	}

	private StoredImport mapImport(ResultSet rs, int row) throws SQLException {
		return new StoredImport(rs.getObject("id", UUID.class), rs.getObject("team_id", UUID.class),
				rs.getObject("owner_id", UUID.class), rs.getString("file_name"),
				ImportFormat.valueOf(rs.getString("format")), rs.getString("encoding"), rs.getString("content_sha256"),
				rs.getLong("size_bytes"), rs.getString("tag"), Status.valueOf(rs.getString("status")),
				rs.getInt("total_rows"), instant(rs, "created_at"), instant(rs, "confirmed_at"),
				instant(rs, "finished_at"), instant(rs, "undone_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}

}
