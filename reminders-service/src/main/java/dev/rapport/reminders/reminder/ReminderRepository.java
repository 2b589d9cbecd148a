package dev.rapport.reminders.reminder;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

import dev.rapport.events.ReminderKind;
import dev.rapport.reminders.ClaimedRow;
import dev.rapport.reminders.reminder.Reminder.Status;

import static dev.rapport.reminders.Timestamps.instant;
import static dev.rapport.reminders.Timestamps.ts;

/** Reminders in PostgreSQL; the scheduler claims due ones with SKIP LOCKED. */
@Repository
public class ReminderRepository {

	private static final String COLUMNS = """
			id, team_id, user_id, contact_id, kind, source_key, status, paused, due_on, due_at, title,
			detail::text as detail, fired_at, closed_at, created_at, updated_at""";

	private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final NamedParameterJdbcOperations batches;

	private final JsonMapper json;

	public ReminderRepository(JdbcClient jdbc, NamedParameterJdbcOperations batches, JsonMapper json) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.json = json;
	}

	private static final String INSERT_IF_ABSENT = """
			insert into reminder (id, team_id, user_id, contact_id, kind, source_key, status, paused, due_on, due_at,
			  title, detail, fired_at, closed_at, created_at, updated_at)
			values (:id, :team, :user, :contact, :kind, :source, :status, :paused, :dueOn, :dueAt, :title,
			  cast(:detail as jsonb), :firedAt, :closedAt, :createdAt, :updatedAt)
			on conflict (contact_id, source_key) do nothing
			""";

	/** Inserts the reminder unless one for the same source exists; true when inserted. */
	public boolean insertIfAbsent(Reminder r) {
		return jdbc.sql(INSERT_IF_ABSENT).params(params(r)).update() == 1;
	}

	/** {@link #insertIfAbsent} for each of {@code all}, in one batch (one round trip); returns those inserted. */
	public List<Reminder> insertAllIfAbsent(List<Reminder> all) {
		if (all.isEmpty()) {
			return List.of();
		}
		int[] inserted = batches.batchUpdate(INSERT_IF_ABSENT,
				all.stream().map(r -> new MapSqlParameterSource(params(r))).toArray(SqlParameterSource[]::new));
		List<Reminder> done = new ArrayList<>();
		for (int i = 0; i < inserted.length; i++) {
			if (inserted[i] == 1) {
				done.add(all.get(i));
			}
		}
		return done;
	}

	/** Which of {@code contactIds} have an open reminder of {@code kind}; those reminders are locked. */
	public Set<UUID> lockContactsWithOpen(Collection<UUID> contactIds, ReminderKind kind) {
		if (contactIds.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("""
				select contact_id from reminder where contact_id in (:contacts) and kind = :kind
				and status in ('PENDING', 'DUE') for update
				""").param("contacts", contactIds).param("kind", kind.name()).query(UUID.class).list());
	}

	/** Of {@code contactIds}, those whose keep-in-touch nudge was dismissed at or after {@code since}, with when (the last). */
	public Map<UUID, Instant> nudgesDismissedSince(Collection<UUID> contactIds, Instant since) {
		if (contactIds.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql("""
				select contact_id, max(closed_at) as closed_at from reminder
				where contact_id in (:contacts) and kind = 'KEEP_IN_TOUCH' and status = 'DISMISSED' and closed_at >= :since
				group by contact_id
				""")
			.param("contacts", contactIds)
			.param("since", ts(since))
			.query((rs, row) -> Map.entry(rs.getObject("contact_id", UUID.class), instant(rs, "closed_at")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/** Deletes the PENDING important-date reminders of {@code contactIds} (contacts without dates). */
	public void deletePendingDates(Collection<UUID> contactIds) {
		if (!contactIds.isEmpty()) {
			jdbc.sql("""
					delete from reminder where contact_id in (:contacts) and kind = 'IMPORTANT_DATE' and status = 'PENDING'
					""").param("contacts", contactIds).update();
		}
	}

	/** Claimed reminders fired: DUE since {@code now}, in one statement. */
	public void markFired(Collection<UUID> ids, Instant now) {
		if (!ids.isEmpty()) {
			jdbc.sql("update reminder set status = 'DUE', fired_at = :now, updated_at = :now where id in (:ids)")
				.param("ids", ids)
				.param("now", ts(now))
				.update();
		}
	}

	public void save(Reminder r) {
		jdbc.sql("""
				update reminder set user_id = :user, status = :status, paused = :paused, due_on = :dueOn, due_at = :dueAt,
				  title = :title, detail = cast(:detail as jsonb), fired_at = :firedAt, closed_at = :closedAt,
				  updated_at = :updatedAt
				where id = :id
				""").params(params(r)).update();
	}

	public Optional<Reminder> lock(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from reminder where id = :id for update")
			.param("id", id)
			.query(this::map)
			.optional();
	}

	public Optional<Reminder> lockBySource(UUID contactId, String sourceKey) {
		return jdbc.sql("select " + COLUMNS + " from reminder where contact_id = :contact and source_key = :source for update")
			.param("contact", contactId)
			.param("source", sourceKey)
			.query(this::map)
			.optional();
	}

	/** Open reminders of one kind for a contact, locked. */
	public List<Reminder> lockOpen(UUID contactId, ReminderKind kind) {
		return jdbc.sql("select " + COLUMNS + """
				 from reminder where contact_id = :contact and kind = :kind and status in ('PENDING', 'DUE')
				order by created_at for update
				""").param("contact", contactId).param("kind", kind.name()).query(this::map).list();
	}

	/**
	 * Claims up to {@code limit} reminders whose time has come, skipping rows another instance holds and rows set
	 * aside after a failure ({@code setAside}, until their next attempt: a filter on the index scan, not a join). Each
	 * row is read on its own: one the mapper rejects comes back {@linkplain ClaimedRow#unreadable unreadable}, with its
	 * id.
	 */
	public List<ClaimedRow<Reminder>> claimDue(Instant now, int limit, Collection<UUID> setAside) {
		StatementSpec claim = jdbc.sql("select " + COLUMNS + " from reminder where status = 'PENDING' and not paused and due_at <= :now"
				+ (setAside.isEmpty() ? "" : " and id not in (:setAside)")
				+ " order by due_at limit :limit for update skip locked")
			.param("now", ts(now))
			.param("limit", limit);
		return (setAside.isEmpty() ? claim : claim.param("setAside", setAside)).query(ClaimedRow.mapping("id", this::map)).list();
	}

	/** Those of {@code ids} still due and not held elsewhere, claimed again: a failed batch is redone row by row. */
	public List<ClaimedRow<Reminder>> reclaimDue(Collection<UUID> ids, Instant now) {
		return jdbc.sql("select " + COLUMNS + """
				 from reminder where id in (:ids) and status = 'PENDING' and not paused and due_at <= :now
				order by due_at for update skip locked
				""").param("ids", ids).param("now", ts(now)).query(ClaimedRow.mapping("id", this::map)).list();
	}

	/** The user's open, unpaused reminders due on or before {@code until}. */
	public List<Reminder> agenda(UUID teamId, UUID userId, LocalDate until, int limit) {
		return jdbc.sql("select " + COLUMNS + """
				 from reminder where team_id = :team and user_id = :user and status in ('PENDING', 'DUE')
				 and not paused and due_on <= :until
				order by due_on, id limit :limit
				""")
			.param("team", teamId)
			.param("user", userId)
			.param("until", until)
			.param("limit", limit)
			.query(this::map)
			.list();
	}

	/** The user's open, unpaused follow-ups, earliest first, at most {@code limit}. */
	public List<Reminder> openFollowUps(UUID teamId, UUID userId, int limit) {
		return jdbc.sql("select " + COLUMNS + """
				 from reminder where team_id = :team and user_id = :user and kind = 'FOLLOW_UP'
				 and status in ('PENDING', 'DUE') and not paused
				order by due_on, id limit :limit
				""")
			.param("team", teamId)
			.param("user", userId)
			.param("limit", limit)
			.query(this::map)
			.list();
	}

	public void pauseAll(UUID contactId, boolean paused) {
		jdbc.sql("update reminder set paused = :paused where contact_id = :contact and status in ('PENDING', 'DUE')")
			.param("paused", paused)
			.param("contact", contactId)
			.update();
	}

	/** {@code contactId}'s follow-up reminders become {@code survivorId}'s (one the survivor already has stays behind). */
	public void moveFollowUps(UUID contactId, UUID survivorId) {
		jdbc.sql("""
				update reminder r set contact_id = :survivor
				where r.contact_id = :contact and r.kind = 'FOLLOW_UP'
				  and not exists (select 1 from reminder s where s.contact_id = :survivor and s.source_key = r.source_key)
				""").param("contact", contactId).param("survivor", survivorId).update();
	}

	/**
	 * The contact's open keep-in-touch and date reminders that were {@code from}'s are {@code to}'s now; answers how
	 * many moved (none the second time: a redelivery moves nothing).
	 */
	public int handOver(UUID contactId, UUID from, UUID to, Instant now) {
		return jdbc.sql("""
				update reminder set user_id = :to, updated_at = :now
				where contact_id = :contact and user_id = :from and kind in ('KEEP_IN_TOUCH', 'IMPORTANT_DATE')
				  and status in ('PENDING', 'DUE')
				""")
			.param("contact", contactId)
			.param("from", from)
			.param("to", to)
			.param("now", java.sql.Timestamp.from(now))
			.update();
	}

	public void deleteAll(UUID contactId) {
		jdbc.sql("delete from reminder where contact_id = :contact").param("contact", contactId).update();
	}

	public void deleteBySource(UUID contactId, String sourceKey) {
		jdbc.sql("delete from reminder where contact_id = :contact and source_key = :source")
			.param("contact", contactId)
			.param("source", sourceKey)
			.update();
	}

	/** Keys of the contact's PENDING important-date reminders (not yet fired, so still replaceable). */
	public List<String> pendingDateSources(UUID contactId) {
		return jdbc.sql("""
				select source_key from reminder where contact_id = :contact and kind = 'IMPORTANT_DATE'
				and status = 'PENDING'
				""").param("contact", contactId).query(String.class).list();
	}

	/** Follow-up reminders of one interaction (any contact), by source key prefix. */
	public List<Reminder> lockFollowUps(UUID interactionId) {
		return jdbc.sql("select " + COLUMNS + " from reminder where kind = 'FOLLOW_UP' and detail ->> 'interactionId' = :interaction for update")
			.param("interaction", interactionId.toString())
			.query(this::map)
			.list();
	}

	private Map<String, Object> params(Reminder r) {
		Map<String, Object> params = new HashMap<>();
		params.put("id", r.id());
		params.put("team", r.teamId());
		params.put("user", r.userId());
		params.put("contact", r.contactId());
		params.put("kind", r.kind().name());
		params.put("source", r.sourceKey());
		params.put("status", r.status().name());
		params.put("paused", r.paused());
		params.put("dueOn", r.dueOn());
		params.put("dueAt", ts(r.dueAt()));
		params.put("title", r.title());
		params.put("detail", json.writeValueAsString(r.detail()));
		params.put("firedAt", ts(r.firedAt()));
		params.put("closedAt", ts(r.closedAt()));
		params.put("createdAt", ts(r.createdAt()));
		params.put("updatedAt", ts(r.updatedAt()));
		return params;
	}

	private Reminder map(ResultSet rs, int row) throws SQLException {
		return new Reminder(rs.getObject("id", UUID.class), rs.getObject("team_id", UUID.class),
				rs.getObject("user_id", UUID.class), rs.getObject("contact_id", UUID.class),
				ReminderKind.valueOf(rs.getString("kind")), rs.getString("source_key"),
				Status.valueOf(rs.getString("status")), rs.getBoolean("paused"), rs.getObject("due_on", LocalDate.class),
				instant(rs, "due_at"), rs.getString("title"), json.readValue(rs.getString("detail"), DETAIL),
				instant(rs, "fired_at"), instant(rs, "closed_at"), instant(rs, "created_at"), instant(rs, "updated_at"));
	}

}
