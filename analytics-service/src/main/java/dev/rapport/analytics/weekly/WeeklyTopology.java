package dev.rapport.analytics.weekly;

import java.time.LocalDate;
import java.util.UUID;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.rapport.analytics.fact.Contribution;
import dev.rapport.analytics.fact.Contribution.Kind;
import dev.rapport.analytics.fact.JsonSerdes;

/**
 * The weekly part of the topology: the contribution rows grouped twice, by member and by team, per ISO week, into
 * {@link WeekTally}s (a KTable aggregation with adder and subtractor), published as {@link WeekCounts} on
 * {@link #topic} and read back by every instance as a global table ({@link #STORE}), so either instance answers for
 * any team whichever partitions it owns.
 */
public final class WeeklyTopology {

	/**
	 * Compacted, this application's own ({@code <application.id>-weekly-insights}): the latest counts per
	 * {@code <team>|<week>|<member or "team">}.
	 */
	public static String topic(String applicationId) {
		return applicationId + "-weekly-insights";
	}

	/** The global store every instance queries. */
	public static final String STORE = "weekly-insights";

	/** The member part of the key for the whole team's counts (member ids are UUIDs, so it never clashes). */
	public static final String TEAM = "team";

	private WeeklyTopology() {
	}

	public static void build(StreamsBuilder builder, KTable<String, Contribution> contributions, String applicationId) {
		Serde<Contribution> rows = JsonSerdes.json(Contribution.class);
		KTable<String, Contribution> weekly = contributions.filter((key, row) -> row.kind() != Kind.TOUCH,
				Named.as("weekly-rows"));
		KTable<String, WeekTally> byMember = tally(weekly, "member", rows,
				row -> key(row.teamId(), row.weekStart(), row.memberId().toString()));
		KTable<String, WeekTally> byTeam = tally(weekly, "team", rows,
				row -> key(row.teamId(), row.weekStart(), TEAM));
		Serde<WeekCounts> counts = JsonSerdes.json(WeekCounts.class);
		byMember.toStream(Named.as("weekly-member-changes"))
			.merge(byTeam.toStream(Named.as("weekly-team-changes")), Named.as("weekly-changes"))
			// A week whose rows were all taken back leaves the topic (a tombstone), and the member leaves that week's list.
			.mapValues(tally -> tally == null || tally.isEmpty() ? null : tally.counts(), Named.as("weekly-counts"))
			.to(topic(applicationId), Produced.with(Serdes.String(), counts).withName("weekly-out"));
		builder.globalTable(topic(applicationId), Consumed.with(Serdes.String(), counts).withName("weekly-in"),
				Materialized.<String, WeekCounts, KeyValueStore<Bytes, byte[]>>as(STORE)
					.withKeySerde(Serdes.String())
					.withValueSerde(counts));
	}

	private static KTable<String, WeekTally> tally(KTable<String, Contribution> weekly, String by,
			Serde<Contribution> rows, java.util.function.Function<Contribution, String> key) {
		return weekly
			.groupBy((rowKey, row) -> KeyValue.pair(key.apply(row), row),
					Grouped.with("weekly-by-" + by, Serdes.String(), rows))
			.aggregate(() -> WeekTally.EMPTY, (groupKey, row, tally) -> tally.plus(row),
					(groupKey, row, tally) -> tally.minus(row), Named.as("weekly-tally-by-" + by),
					Materialized.<String, WeekTally, KeyValueStore<Bytes, byte[]>>as("weekly-tallies-by-" + by)
						.withKeySerde(Serdes.String())
						.withValueSerde(JsonSerdes.json(WeekTally.class)));
	}

	/** {@code <team>|<week start>|<member>}: one team's week sorts together, for a prefix scan. */
	public static String key(UUID teamId, LocalDate weekStart, String member) {
		return teamId + "|" + weekStart + "|" + member;
	}

}
