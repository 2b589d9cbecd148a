package dev.rapport.interactions.network;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * Reads who talked with whom out of the interaction table (the interaction feature writes it): its authors are the
 * teammates, its participants the contacts. Read only.
 */
@Repository
class TeamKnowledgeRepository {

	/** A conversation's weight halves every this many days: "recent and frequent" in one number. */
	static final double HALF_LIFE_DAYS = 90;

	static final Duration RECENT = Duration.ofDays(90);

	private final JdbcClient jdbc;

	TeamKnowledgeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * For each of {@code contactIds}, the team's members who logged a conversation with it, warmest first, as of
	 * {@code now} (a conversation dated later counts as today's).
	 */
	Map<UUID, List<Acquaintance>> acquaintances(UUID teamId, Collection<UUID> contactIds, Instant now) {
		Map<UUID, List<Acquaintance>> found = new LinkedHashMap<>();
		if (contactIds.isEmpty()) {
			return found;
		}
		jdbc.sql("""
				select p.contact_id, i.author_id, count(*) as conversations,
				  count(*) filter (where i.happened_at >= :since) as recent,
				  min(i.happened_at) as first_at, max(i.happened_at) as last_at,
				  sum(power(0.5, greatest(extract(epoch from (:now - i.happened_at)), 0) / 86400.0 / :halfLife))
				    as warmth
				from interaction i cross join lateral unnest(i.participant_ids) as p(contact_id)
				where i.team_id = :team and i.participant_ids && :ids and p.contact_id = any(:ids)
				group by p.contact_id, i.author_id
				order by p.contact_id, warmth desc, i.author_id
				""")
			.param("team", teamId)
			.param("ids", new SqlArrayValue("uuid", contactIds.toArray()))
			.param("now", Timestamp.from(now))
			.param("since", Timestamp.from(now.minus(RECENT)))
			.param("halfLife", HALF_LIFE_DAYS)
			.query((RowCallbackHandler) rs -> found
				.computeIfAbsent(rs.getObject("contact_id", UUID.class), id -> new ArrayList<>())
				.add(acquaintance(rs)));
		return found;
	}

	/**
	 * One page of the contacts {@code userId} can see (shared, or their own; not archived, not erased) that exactly
	 * one member of the team talked with since {@code since}, the longest silence first, optionally only those whose
	 * one member is {@code memberId}; and how many there are in all. Whom the caller may see is decided here, against
	 * the contact replica, because a page has to be cut after that filter, not before.
	 */
	RiskPage singleOwnerRisks(UUID teamId, UUID userId, UUID memberId, Instant since, int limit, long offset) {
		List<SingleOwnerRisk> items = new ArrayList<>();
		long[] total = { 0 };
		jdbc.sql("""
				with talks as (
				  select p.contact_id, i.author_id, count(*) as conversations, max(i.happened_at) as last_at
				  from interaction i cross join lateral unnest(i.participant_ids) as p(contact_id)
				  where i.team_id = :team and i.happened_at >= :since
				  group by p.contact_id, i.author_id
				), single as (
				  select contact_id, (array_agg(author_id))[1] as member_id, sum(conversations) as conversations,
				    max(last_at) as last_at
				  from talks group by contact_id having count(*) = 1
				)
				select s.contact_id, s.member_id, r.owner_id, s.conversations, s.last_at, count(*) over () as total
				from single s join contact_replica r on r.contact_id = s.contact_id
				where r.team_id = :team and not r.deleted and not r.archived
				  and (r.visibility = 'TEAM' or r.owner_id = :user)
				  and (cast(:member as uuid) is null or s.member_id = :member)
				order by s.last_at, s.contact_id
				limit :limit offset :offset
				""")
			.param("team", teamId)
			.param("user", userId)
			.param("member", memberId)
			.param("since", Timestamp.from(since))
			.param("limit", limit)
			.param("offset", offset)
			.query((RowCallbackHandler) rs -> {
				total[0] = rs.getLong("total");
				items.add(new SingleOwnerRisk(rs.getObject("contact_id", UUID.class),
						rs.getObject("member_id", UUID.class), rs.getObject("owner_id", UUID.class),
						rs.getLong("conversations"), rs.getTimestamp("last_at").toInstant()));
			});
		if (items.isEmpty() && offset > 0) {
			total[0] = jdbc.sql("""
					with talks as (
					  select p.contact_id, count(distinct i.author_id) as members, (array_agg(i.author_id))[1] as member_id
					  from interaction i cross join lateral unnest(i.participant_ids) as p(contact_id)
					  where i.team_id = :team and i.happened_at >= :since
					  group by p.contact_id
					)
					select count(*) from talks s join contact_replica r on r.contact_id = s.contact_id
					where s.members = 1 and r.team_id = :team and not r.deleted and not r.archived
					  and (r.visibility = 'TEAM' or r.owner_id = :user)
					  and (cast(:member as uuid) is null or s.member_id = :member)
					""")
				.param("team", teamId)
				.param("user", userId)
				.param("member", memberId)
				.param("since", Timestamp.from(since))
				.query(Long.class)
				.single();
		}
		return new RiskPage(items, total[0]);
	}

	record RiskPage(List<SingleOwnerRisk> items, long total) {
	}

	/** The other participants of the team's conversations that {@code contactId} was part of. */
	Set<UUID> metTogether(UUID teamId, UUID contactId) {
		return new LinkedHashSet<>(jdbc.sql("""
				select distinct p.contact_id
				from interaction i cross join lateral unnest(i.participant_ids) as p(contact_id)
				where i.team_id = :team and i.participant_ids @> array[cast(:contact as uuid)]
				  and p.contact_id <> :contact
				""").param("team", teamId).param("contact", contactId).query(UUID.class).list());
	}

	private static Acquaintance acquaintance(ResultSet rs) throws SQLException {
		return new Acquaintance(rs.getObject("author_id", UUID.class), rs.getLong("conversations"), rs.getLong("recent"),
				rs.getTimestamp("first_at").toInstant(), rs.getTimestamp("last_at").toInstant(),
				Math.round(rs.getDouble("warmth") * 100) / 100.0);
	}

}
