package dev.rapport.reminders.interaction;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.rapport.events.InteractionSnapshot.FollowUp;

import static dev.rapport.reminders.Timestamps.instant;
import static dev.rapport.reminders.Timestamps.ts;

/** The local copy of interactions, looked up by participant through a GIN index on the id array. */
@Repository
public class InteractionRepository {

	private static final String COLUMNS = """
			id, team_id, author_id, participant_ids, happened_at, time_zone, summary, questions::text as questions,
			follow_ups::text as follow_ups, version""";

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final TypeReference<List<FollowUp>> FOLLOW_UPS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	public InteractionRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public Optional<StoredInteraction> lock(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from interaction where id = :id for update")
			.param("id", id)
			.query(this::map)
			.optional();
	}

	/** Inserts or replaces the interaction; an older version than the stored one changes nothing (returns false). */
	public boolean upsert(StoredInteraction interaction) {
		return jdbc.sql("""
				insert into interaction (id, team_id, author_id, participant_ids, happened_at, time_zone, summary,
				  questions, follow_ups, version)
				values (:id, :team, :author, :participants, :happenedAt, :timeZone, :summary, cast(:questions as jsonb),
				  cast(:followUps as jsonb), :version)
				on conflict (id) do update set participant_ids = excluded.participant_ids,
				  happened_at = excluded.happened_at, time_zone = excluded.time_zone, summary = excluded.summary,
				  questions = excluded.questions, follow_ups = excluded.follow_ups, version = excluded.version
				where interaction.version < excluded.version
				""")
			.param("id", interaction.id())
			.param("team", interaction.teamId())
			.param("author", interaction.authorId())
			.param("participants", interaction.participantIds().toArray(UUID[]::new))
			.param("happenedAt", ts(interaction.happenedAt()))
			.param("timeZone", interaction.timeZone())
			.param("summary", interaction.summary())
			.param("questions", json.writeValueAsString(interaction.questions()))
			.param("followUps", json.writeValueAsString(interaction.followUps()))
			.param("version", interaction.version())
			.update() == 1;
	}

	public void saveFollowUps(UUID id, List<FollowUp> followUps) {
		jdbc.sql("update interaction set follow_ups = cast(:followUps as jsonb) where id = :id")
			.param("id", id)
			.param("followUps", json.writeValueAsString(followUps))
			.update();
	}

	public void delete(UUID id) {
		jdbc.sql("delete from interaction where id = :id").param("id", id).update();
	}

	/** When the contact's interactions happened, newest first (at most {@code limit}). */
	public List<Instant> happenedAt(UUID contactId, int limit) {
		return jdbc.sql("""
				select happened_at from interaction where participant_ids @> array[cast(:contact as uuid)]
				order by happened_at desc limit :limit
				""").param("contact", contactId).param("limit", limit).query((rs, row) -> instant(rs, "happened_at")).list();
	}

	/** The contact's most recent interactions, newest first. */
	public List<StoredInteraction> recent(UUID contactId, int limit) {
		return jdbc.sql("select " + COLUMNS + """
				 from interaction where participant_ids @> array[cast(:contact as uuid)]
				order by happened_at desc, id limit :limit
				""").param("contact", contactId).param("limit", limit).query(this::map).list();
	}

	/** Interactions with the contact that still have an open follow-up. */
	public List<StoredInteraction> withOpenFollowUps(UUID contactId, int limit) {
		return jdbc.sql("select " + COLUMNS + """
				 from interaction where participant_ids @> array[cast(:contact as uuid)]
				 and jsonb_path_exists(follow_ups, '$[*] ? (@.completedAt == null)')
				order by happened_at desc, id limit :limit
				""").param("contact", contactId).param("limit", limit).query(this::map).list();
	}

	public int count(UUID contactId) {
		return jdbc.sql("select count(*) from interaction where participant_ids @> array[cast(:contact as uuid)]")
			.param("contact", contactId)
			.query(Integer.class)
			.single();
	}

	/** Erasure: the contact leaves every interaction; an interaction left with no participant goes entirely. */
	public void mergeParticipant(UUID contactId, UUID survivorId) {
		jdbc.sql("""
				update interaction set participant_ids = (
				  select array_agg(p.id order by p.first)
				  from (select x.id, min(x.ord) as first
				        from unnest(array_replace(participant_ids, cast(:contact as uuid), cast(:survivor as uuid)))
				          with ordinality as x(id, ord)
				        group by x.id) p)
				where participant_ids @> array[cast(:contact as uuid)]
				""").param("contact", contactId).param("survivor", survivorId).update();
	}

	public void eraseParticipant(UUID contactId) {
		jdbc.sql("""
				delete from interaction
				where participant_ids @> array[cast(:contact as uuid)] and cardinality(participant_ids) = 1
				""").param("contact", contactId).update();
		jdbc.sql("""
				update interaction set participant_ids = array_remove(participant_ids, cast(:contact as uuid))
				where participant_ids @> array[cast(:contact as uuid)]
				""").param("contact", contactId).update();
	}

	private StoredInteraction map(ResultSet rs, int row) throws SQLException {
		Array participants = rs.getArray("participant_ids");
		return new StoredInteraction(rs.getObject("id", UUID.class), rs.getObject("team_id", UUID.class),
				rs.getObject("author_id", UUID.class), Arrays.asList((UUID[]) participants.getArray()),
				instant(rs, "happened_at"), rs.getString("time_zone"), rs.getString("summary"),
				json.readValue(rs.getString("questions"), STRINGS), json.readValue(rs.getString("follow_ups"), FOLLOW_UPS),
				rs.getLong("version"));
	}

}
