package dev.rapport.interactions.interaction;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

import dev.rapport.events.InteractionSnapshot.Initiator;
import dev.rapport.events.InteractionSnapshot.Type;
import dev.rapport.interactions.interaction.Interaction.FollowUp;
import dev.rapport.platform.web.VersionedStore;

/**
 * Interactions in PostgreSQL. Plain SQL: participants are a {@code uuid[]} (GIN-indexed for timelines and erasure),
 * lists of words text arrays, follow-ups JSONB.
 */
@Repository
public class InteractionRepository implements VersionedStore<Interaction> {

	static final String COLUMNS = """
			i.id, i.team_id, i.author_id, i.participant_ids, i.type, i.happened_at, i.time_zone, i.duration_minutes,
			i.place, i.initiated_by, i.summary, i.notes, i.learned, i.questions, i.follow_ups::text as follow_ups,
			i.meaningfulness, i.created_at, i.updated_at, i.version""";

	/**
	 * Who may read an interaction (parameters {@code :user}): its author always; anyone else in the team when every
	 * participant is a contact they can see. A participant the replica does not know counts as not visible.
	 */
	static final String READABLE = """
			(i.author_id = :user or not exists (
			  select 1 from unnest(i.participant_ids) as p(contact_id)
			  left join contact_replica c on c.contact_id = p.contact_id and c.team_id = i.team_id and not c.deleted
			  where c.contact_id is null or (c.visibility <> 'TEAM' and c.owner_id <> :user)))""";

	private static final TypeReference<List<FollowUp>> FOLLOW_UPS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final RowMapper<Interaction> rows = this::map;

	public InteractionRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The interaction if it exists in the team, whoever may read it; that is the caller's business. */
	@Override
	public Optional<Interaction> find(UUID teamId, UUID id) {
		return jdbc.sql("select " + COLUMNS + " from interaction i where i.team_id = :team and i.id = :id")
			.param("team", teamId)
			.param("id", id)
			.query(rows)
			.optional();
	}

	/** Whether {@code userId} may read the interaction, by {@link #READABLE}. */
	public boolean readableBy(UUID teamId, UUID id, UUID userId) {
		return jdbc.sql("select count(*) from interaction i where i.team_id = :team and i.id = :id and " + READABLE)
			.param("team", teamId)
			.param("id", id)
			.param("user", userId)
			.query(Long.class)
			.single() > 0;
	}

	/** A contact's timeline as {@code userId} may read it, newest first. */
	public List<Interaction> timeline(UUID teamId, UUID contactId, UUID userId, int limit, long offset) {
		return jdbc.sql("select " + COLUMNS + " from interaction i where i.team_id = :team"
				+ " and i.participant_ids @> array[cast(:contact as uuid)] and " + READABLE
				+ " order by i.happened_at desc, i.id desc limit :limit offset :offset")
			.param("team", teamId)
			.param("contact", contactId)
			.param("user", userId)
			.param("limit", limit)
			.param("offset", offset)
			.query(rows)
			.list();
	}

	public long countTimeline(UUID teamId, UUID contactId, UUID userId) {
		return jdbc.sql("select count(*) from interaction i where i.team_id = :team"
				+ " and i.participant_ids @> array[cast(:contact as uuid)] and " + READABLE)
			.param("team", teamId)
			.param("contact", contactId)
			.param("user", userId)
			.query(Long.class)
			.single();
	}

	/** Every interaction naming the contact, row-locked for the erasure that rewrites them. */
	List<Interaction> lockWithParticipant(UUID teamId, UUID contactId) {
		return jdbc.sql("select " + COLUMNS + " from interaction i where i.team_id = :team"
				+ " and i.participant_ids @> array[cast(:contact as uuid)] order by i.id for update")
			.param("team", teamId)
			.param("contact", contactId)
			.query(rows)
			.list();
	}

	void insert(Interaction interaction) {
		jdbc.sql("""
				insert into interaction (id, team_id, author_id, participant_ids, type, happened_at, time_zone,
				  duration_minutes, place, initiated_by, summary, notes, learned, questions, follow_ups, meaningfulness,
				  created_at, updated_at, version)
				values (:id, :team, :author, :participants, :type, :happenedAt, :timeZone, :duration, :place,
				  :initiatedBy, :summary, :notes, :learned, :questions, cast(:followUps as jsonb), :meaningfulness,
				  :createdAt, :updatedAt, :version)
				""").params(params(interaction)).update();
	}

	/** Writes {@code interaction} if the stored version is still {@code expectedVersion}; false if it moved on. */
	@Override
	public boolean update(Interaction interaction, long expectedVersion) {
		Map<String, Object> params = params(interaction);
		params.put("expected", expectedVersion);
		return jdbc.sql("""
				update interaction set participant_ids = :participants, type = :type, happened_at = :happenedAt,
				  time_zone = :timeZone, duration_minutes = :duration, place = :place, initiated_by = :initiatedBy,
				  summary = :summary, notes = :notes, learned = :learned, questions = :questions,
				  follow_ups = cast(:followUps as jsonb), meaningfulness = :meaningfulness, updated_at = :updatedAt,
				  version = :version
				where team_id = :team and id = :id and version = :expected
				""").params(params).update() == 1;
	}

	boolean delete(UUID teamId, UUID id) {
		return jdbc.sql("delete from interaction where team_id = :team and id = :id")
			.param("team", teamId)
			.param("id", id)
			.update() == 1;
	}

	private Map<String, Object> params(Interaction i) {
		Map<String, Object> p = new HashMap<>();
		p.put("id", i.id());
		p.put("team", i.teamId());
		p.put("author", i.authorId());
		p.put("participants", new SqlArrayValue("uuid", i.participantIds().toArray()));
		p.put("type", i.type().name());
		p.put("happenedAt", Timestamp.from(i.happenedAt()));
		p.put("timeZone", i.timeZone());
		p.put("duration", i.durationMinutes());
		p.put("place", i.place());
		p.put("initiatedBy", i.initiatedBy() == null ? null : i.initiatedBy().name());
		p.put("summary", i.summary());
		p.put("notes", i.notes());
		p.put("learned", i.learned().toArray(String[]::new));
		p.put("questions", i.questions().toArray(String[]::new));
		p.put("followUps", json.writeValueAsString(i.followUps()));
		p.put("meaningfulness", i.meaningfulness());
		p.put("createdAt", Timestamp.from(i.createdAt()));
		p.put("updatedAt", Timestamp.from(i.updatedAt()));
		p.put("version", i.version());
		return p;
	}

	private Interaction map(ResultSet rs, int row) throws SQLException {
		String initiatedBy = rs.getString("initiated_by");
		return new Interaction(rs.getObject("id", UUID.class), rs.getObject("team_id", UUID.class),
				rs.getObject("author_id", UUID.class), Arrays.asList((UUID[]) rs.getArray("participant_ids").getArray()),
				Type.valueOf(rs.getString("type")), rs.getTimestamp("happened_at").toInstant(),
				rs.getString("time_zone"), rs.getObject("duration_minutes", Integer.class), rs.getString("place"),
				initiatedBy == null ? null : Initiator.valueOf(initiatedBy), rs.getString("summary"),
				rs.getString("notes"), strings(rs.getArray("learned")), strings(rs.getArray("questions")),
				json.readValue(rs.getString("follow_ups"), FOLLOW_UPS), rs.getObject("meaningfulness", Integer.class),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
				rs.getLong("version"));
	}

	private static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) array.getArray()));
	}

}
