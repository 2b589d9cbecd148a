package dev.rapport.reminders.relationship;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

import dev.rapport.events.ContactSnapshot.ImportantDate;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.events.RelationshipState;
import dev.rapport.reminders.ClaimedRow;
import dev.rapport.reminders.relationship.CadenceRule.CadenceSource;
import dev.rapport.reminders.relationship.Relationship.Contact;
import dev.rapport.reminders.relationship.Relationship.History;
import dev.rapport.reminders.relationship.Relationship.Standing;

import static dev.rapport.reminders.Timestamps.instant;
import static dev.rapport.reminders.Timestamps.ts;

/** Relationships in PostgreSQL; writers lock the row ({@link #lock}) so consumers and schedulers take turns per contact. */
@Repository
public class RelationshipRepository {

	private static final String COLUMNS = """
			contact_id, team_id, owner_id, known, display_name, visibility, archived, contact_version,
			contact_created_at, cadence_tier, cadence_days, important_dates::text as important_dates, last_interaction_at,
			last_interaction_id, interaction_count, recent_gaps_days::text as recent_gaps_days, effective_cadence_days,
			cadence_source, state, state_changed_at, next_evaluation_at, updated_at""";

	private static final TypeReference<List<ImportantDate>> DATES = new TypeReference<>() {
	};

	private static final TypeReference<List<Double>> GAPS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final NamedParameterJdbcOperations batches;

	private final JsonMapper json;

	public RelationshipRepository(JdbcClient jdbc, NamedParameterJdbcOperations batches, JsonMapper json) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.json = json;
	}

	/** Makes sure a row exists (a placeholder if the contact is not known yet), without touching an existing one. */
	public void ensure(UUID contactId, UUID teamId, Instant now) {
		jdbc.sql("""
				insert into relationship (contact_id, team_id, updated_at) values (:id, :team, :now)
				on conflict (contact_id) do nothing
				""").param("id", contactId).param("team", teamId).param("now", ts(now)).update();
	}

	/** The row, locked until the transaction ends. */
	public Optional<Relationship> lock(UUID contactId) {
		return jdbc.sql("select " + COLUMNS + " from relationship where contact_id = :id for update")
			.param("id", contactId)
			.query(this::map)
			.optional();
	}

	public Optional<Relationship> find(UUID teamId, UUID contactId) {
		return jdbc.sql("select " + COLUMNS + " from relationship where team_id = :team and contact_id = :id and known")
			.param("team", teamId)
			.param("id", contactId)
			.query(this::map)
			.optional();
	}

	/** The known ones of {@code contactIds} in the team (one query for a page of the agenda). */
	public List<Relationship> findAll(UUID teamId, Collection<UUID> contactIds) {
		if (contactIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + " from relationship where team_id = :team and contact_id in (:ids) and known")
			.param("team", teamId)
			.param("ids", contactIds)
			.query(this::map)
			.list();
	}

	/**
	 * Claims up to {@code limit} relationships due for evaluation. SKIP LOCKED: rows another instance (or a
	 * consumer) holds are left to it, so instances never wait on each other and never evaluate a row twice at once.
	 * Rows set aside after a failure ({@code setAside}, until their next attempt) are left out by a filter on the
	 * index scan, not a join, so the plan stays a walk of the due index however many rows there are. Each row is read
	 * on its own: one the mapper rejects comes back {@linkplain ClaimedRow#unreadable unreadable}, with its id.
	 */
	public List<ClaimedRow<Relationship>> claimDue(Instant now, int limit, Collection<UUID> setAside) {
		StatementSpec claim = jdbc.sql("select " + COLUMNS + " from relationship where next_evaluation_at <= :now"
				+ (setAside.isEmpty() ? "" : " and contact_id not in (:setAside)")
				+ " order by next_evaluation_at limit :limit for update skip locked")
			.param("now", ts(now))
			.param("limit", limit);
		return (setAside.isEmpty() ? claim : claim.param("setAside", setAside)).query(ClaimedRow.mapping("contact_id", this::map)).list();
	}

	/** Those of {@code ids} still due and not held elsewhere, claimed again: a failed batch is redone row by row. */
	public List<ClaimedRow<Relationship>> reclaimDue(Collection<UUID> ids, Instant now) {
		return jdbc.sql("select " + COLUMNS + """
				 from relationship where contact_id in (:ids) and next_evaluation_at <= :now
				order by next_evaluation_at for update skip locked
				""").param("ids", ids).param("now", ts(now)).query(ClaimedRow.mapping("contact_id", this::map)).list();
	}

	/**
	 * How cold, as the list orders it; the same expression as the index {@code relationship_list} (V3), so a page,
	 * filtered by state or not, is read in order from the index and a count is an index-only scan.
	 */
	private static final String COLDNESS = "(case state when 'COLD' then 0 when 'COOLING' then 1 when 'DUE' then 2 "
			+ "when 'WARM' then 3 end)";

	/** A page of the team's known, active relationships the user may see, coldest and longest-untouched first. */
	public List<Relationship> list(UUID teamId, UUID userId, RelationshipState state, int limit, long offset) {
		return jdbc.sql("select " + COLUMNS + " from relationship where " + listFilter(state) + " order by " + COLDNESS
				+ ", coalesce(last_interaction_at, contact_created_at), contact_id limit :limit offset :offset")
			.param("team", teamId)
			.param("user", userId)
			.param("coldness", coldness(state))
			.param("limit", limit)
			.param("offset", offset)
			.query(this::map)
			.list();
	}

	/** How many the list has, counting at most {@code limit} (a team of a million is not counted on every page). */
	public long count(UUID teamId, UUID userId, RelationshipState state, int limit) {
		return jdbc.sql("select count(*) from (select 1 from relationship where " + listFilter(state)
				+ " limit :countLimit) matches")
			.param("team", teamId)
			.param("user", userId)
			.param("coldness", coldness(state))
			.param("countLimit", limit)
			.query(Long.class)
			.single();
	}

	/**
	 * The dates of every known, active contact of the team that the user may see (their own, and the team's shared
	 * ones), by name; contacts without dates are left out.
	 */
	public List<ContactDates> datesVisibleTo(UUID teamId, UUID userId) {
		return jdbc.sql("""
				select contact_id, display_name, important_dates::text as important_dates from relationship
				where team_id = :team and known and not archived and (visibility = 'TEAM' or owner_id = :user)
				  and jsonb_array_length(important_dates) > 0
				order by display_name, contact_id
				""")
			.param("team", teamId)
			.param("user", userId)
			.query((rs, row) -> new ContactDates(rs.getObject("contact_id", UUID.class), rs.getString("display_name"),
					json.readValue(rs.getString("important_dates"), DATES)))
			.list();
	}

	/** By coldness rather than state: the index holds the one, not the other. */
	private static String listFilter(RelationshipState state) {
		return "team_id = :team and known and not archived and (visibility = 'TEAM' or owner_id = :user)"
				+ (state == null ? " and cast(:coldness as integer) is null" : " and " + COLDNESS + " = :coldness");
	}

	private static Integer coldness(RelationshipState state) {
		return state == null ? null : switch (state) {
			case COLD -> 0;
			case COOLING -> 1;
			case DUE -> 2;
			case WARM -> 3;
		};
	}

	private static final String UPDATE = """
			update relationship set team_id = :team, owner_id = :owner, known = :known, display_name = :name,
			  visibility = :visibility, archived = :archived, contact_version = :contactVersion,
			  contact_created_at = :contactCreatedAt, cadence_tier = :tier, cadence_days = :cadenceDays,
			  important_dates = cast(:dates as jsonb), last_interaction_at = :lastAt, last_interaction_id = :lastId,
			  interaction_count = :count, recent_gaps_days = cast(:gaps as jsonb), effective_cadence_days = :effective,
			  cadence_source = :source, state = :state, state_changed_at = :stateChangedAt,
			  next_evaluation_at = :nextEvaluation, updated_at = :updatedAt
			where contact_id = :id
			""";

	public void save(Relationship r) {
		jdbc.sql(UPDATE).paramSource(params(r)).update();
	}

	/** Saves every one of {@code all} in one batch of updates (one round trip): the scheduler's batch. */
	public void saveAll(List<Relationship> all) {
		if (!all.isEmpty()) {
			batches.batchUpdate(UPDATE, all.stream().map(this::params).toArray(SqlParameterSource[]::new));
		}
	}

	private SqlParameterSource params(Relationship r) {
		return new MapSqlParameterSource().addValue("id", r.contactId())
			.addValue("team", r.teamId())
			.addValue("owner", r.contact().ownerId())
			.addValue("known", r.contact().known())
			.addValue("name", r.contact().displayName())
			.addValue("visibility", r.contact().visibility() == null ? null : r.contact().visibility().name())
			.addValue("archived", r.contact().archived())
			.addValue("contactVersion", r.contact().version())
			.addValue("contactCreatedAt", ts(r.contact().createdAt()))
			.addValue("tier", r.contact().cadenceTier())
			.addValue("cadenceDays", r.contact().cadenceDays())
			.addValue("dates", json.writeValueAsString(r.contact().importantDates()))
			.addValue("lastAt", ts(r.history().lastInteractionAt()))
			.addValue("lastId", r.history().lastInteractionId())
			.addValue("count", r.history().interactionCount())
			.addValue("gaps", json.writeValueAsString(r.history().recentGapsDays()))
			.addValue("effective", r.standing().effectiveCadenceDays())
			.addValue("source", r.standing().cadenceSource().name())
			.addValue("state", r.standing().state().name())
			.addValue("stateChangedAt", ts(r.standing().stateChangedAt()))
			.addValue("nextEvaluation", ts(r.nextEvaluationAt()))
			.addValue("updatedAt", ts(r.updatedAt()));
	}

	/** The relationship is {@code ownerId}'s from now on (a handoff); false when the team has no such relationship. */
	public boolean handOver(UUID teamId, UUID contactId, UUID ownerId, Instant now) {
		return jdbc.sql("""
				update relationship set owner_id = :owner, updated_at = :now
				where contact_id = :id and team_id = :team and known
				""")
			.param("id", contactId)
			.param("team", teamId)
			.param("owner", ownerId)
			.param("now", ts(now))
			.update() == 1;
	}

	public void delete(UUID contactId) {
		jdbc.sql("delete from relationship where contact_id = :id").param("id", contactId).update();
	}

	public void markErased(UUID contactId, Instant now) {
		jdbc.sql("insert into erased_contact (contact_id, erased_at) values (:id, :now) on conflict do nothing")
			.param("id", contactId)
			.param("now", ts(now))
			.update();
	}

	public boolean erased(UUID contactId) {
		return jdbc.sql("select exists (select 1 from erased_contact where contact_id = :id)")
			.param("id", contactId)
			.query(Boolean.class)
			.single();
	}

	private Relationship map(ResultSet rs, int row) throws SQLException {
		String visibility = rs.getString("visibility");
		Contact contact = new Contact(rs.getObject("owner_id", UUID.class), rs.getBoolean("known"),
				rs.getString("display_name"), visibility == null ? null : Visibility.valueOf(visibility),
				rs.getBoolean("archived"), rs.getLong("contact_version"), instant(rs, "contact_created_at"),
				rs.getString("cadence_tier"), (Integer) rs.getObject("cadence_days"),
				json.readValue(rs.getString("important_dates"), DATES));
		History history = new History(instant(rs, "last_interaction_at"), rs.getObject("last_interaction_id", UUID.class),
				rs.getInt("interaction_count"), json.readValue(rs.getString("recent_gaps_days"), GAPS));
		Standing standing = new Standing((Integer) rs.getObject("effective_cadence_days"),
				CadenceSource.valueOf(rs.getString("cadence_source")), RelationshipState.valueOf(rs.getString("state")),
				instant(rs, "state_changed_at"));
		return new Relationship(rs.getObject("contact_id", UUID.class), rs.getObject("team_id", UUID.class), contact,
				history, standing, instant(rs, "next_evaluation_at"), instant(rs, "updated_at"));
	}

}
