package dev.rapport.interactions.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.rapport.events.InteractionSnapshot.FollowUp.Owner;
import dev.rapport.events.InteractionSnapshot.Type;
import dev.rapport.interactions.ledger.FollowUpLedger.LedgerQuery;

/**
 * Reads follow-ups out of the interaction table's {@code follow_ups} JSONB, one row per follow-up, filtered, ordered
 * and paged by PostgreSQL. Read only: the interaction feature writes them, each an {@code Interaction.FollowUp} as
 * JSON ({@code id}, {@code text}, {@code dueOn}, {@code owedBy}, {@code completedAt}), with the rest of the row.
 */
@Repository
public class FollowUpLedgerRepository {

	private static final String FROM = """
			from interaction i
			cross join lateral jsonb_to_recordset(i.follow_ups)
			  as f(id uuid, text text, "dueOn" date, "owedBy" text, "completedAt" text)
			""";

	/** Open before completed; then by due date, none last (so overdue first); newer interactions first; ids. */
	private static final String ORDER = """
			order by f."completedAt" is not null, f."dueOn" nulls last, i.happened_at desc, i.id, f.id""";

	private final JdbcClient jdbc;

	public FollowUpLedgerRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A page of the author's follow-ups matching {@code query}, overdue as of {@code today}. */
	List<LedgerEntry> page(UUID teamId, UUID authorId, LedgerQuery query, LocalDate today) {
		Map<String, Object> params = new HashMap<>();
		String where = where(teamId, authorId, query, params);
		params.put("today", today);
		params.put("limit", query.size());
		params.put("offset", (long) query.page() * query.size());
		return jdbc.sql("""
				select i.id as interaction_id, f.id as follow_up_id, f.text, f."dueOn" as due_on,
				  f."owedBy" as owed_by, f."completedAt" as completed_at,
				  (f."completedAt" is null and f."dueOn" < :today) as overdue,
				  i.participant_ids, i.type, i.happened_at, i.summary
				""" + FROM + where + ORDER + " limit :limit offset :offset")
			.params(params)
			.query(this::entry)
			.list();
	}

	long count(UUID teamId, UUID authorId, LedgerQuery query) {
		Map<String, Object> params = new HashMap<>();
		String where = where(teamId, authorId, query, params);
		return jdbc.sql("select count(*) " + FROM + where).params(params).query(Long.class).single();
	}

	private static String where(UUID teamId, UUID authorId, LedgerQuery query, Map<String, Object> params) {
		List<String> clauses = new ArrayList<>();
		clauses.add("i.team_id = :team");
		clauses.add("i.author_id = :author");
		params.put("team", teamId);
		params.put("author", authorId);
		switch (query.status()) {
			case OPEN -> clauses.add("f.\"completedAt\" is null");
			case COMPLETED -> clauses.add("f.\"completedAt\" is not null");
			case ALL -> {
			}
		}
		if (query.owedBy() != null) {
			clauses.add("f.\"owedBy\" = :owedBy");
			params.put("owedBy", query.owedBy().name());
		}
		if (query.contactId() != null) {
			clauses.add("i.participant_ids @> array[cast(:contact as uuid)]");
			params.put("contact", query.contactId());
		}
		return "where " + String.join(" and ", clauses) + "\n";
	}

	private LedgerEntry entry(ResultSet rs, int row) throws SQLException {
		String completedAt = rs.getString("completed_at");
		return new LedgerEntry(rs.getObject("interaction_id", UUID.class), rs.getObject("follow_up_id", UUID.class),
				rs.getString("text"), rs.getObject("due_on", LocalDate.class), Owner.valueOf(rs.getString("owed_by")),
				completedAt == null ? null : Instant.parse(completedAt), rs.getBoolean("overdue"),
				Arrays.asList((UUID[]) rs.getArray("participant_ids").getArray()), Type.valueOf(rs.getString("type")),
				rs.getTimestamp("happened_at").toInstant(), rs.getString("summary"));
	}

}
