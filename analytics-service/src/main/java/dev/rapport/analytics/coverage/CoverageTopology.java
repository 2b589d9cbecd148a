package dev.rapport.analytics.coverage;

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

import dev.rapport.analytics.coverage.ContactCoverage.LastTalks;
import dev.rapport.analytics.fact.Contribution;
import dev.rapport.analytics.fact.Contribution.Kind;
import dev.rapport.analytics.fact.JsonSerdes;

/**
 * The coverage part of the topology: every conversation's participants grouped by team and contact into a
 * {@link ContactCoverage} (adder and subtractor), published as {@link LastTalks} on {@link #topic} (a tombstone once
 * nobody has talked to her) and read back by every instance as a global table ({@link #STORE}). Whether only one
 * teammate talked to her in the last 90 days depends on the day, so it is decided when asked.
 */
public final class CoverageTopology {

	/**
	 * Compacted, this application's own ({@code <application.id>-team-coverage}): per {@code <team>|<contact>}, each
	 * member's last conversation with her.
	 */
	public static String topic(String applicationId) {
		return applicationId + "-team-coverage";
	}

	public static final String STORE = "team-coverage";

	private CoverageTopology() {
	}

	public static void build(StreamsBuilder builder, KTable<String, Contribution> contributions, String applicationId) {
		Serde<LastTalks> lastTalks = JsonSerdes.json(LastTalks.class);
		contributions.filter((key, row) -> row.kind() == Kind.TOUCH, Named.as("coverage-rows"))
			.groupBy((rowKey, row) -> KeyValue.pair(key(row.teamId(), row.contactId()), row),
					Grouped.with("coverage-by-contact", Serdes.String(), JsonSerdes.json(Contribution.class)))
			.aggregate(() -> ContactCoverage.EMPTY, (key, row, coverage) -> coverage.plus(row),
					(key, row, coverage) -> coverage.minus(row), Named.as("coverage-tally"),
					Materialized.<String, ContactCoverage, KeyValueStore<Bytes, byte[]>>as("coverage-by-contact")
						.withKeySerde(Serdes.String())
						.withValueSerde(JsonSerdes.json(ContactCoverage.class)))
			.toStream(Named.as("coverage-changes"))
			.mapValues(coverage -> coverage == null ? null : coverage.lastTalks(), Named.as("coverage-last-talks"))
			.to(topic(applicationId), Produced.with(Serdes.String(), lastTalks).withName("coverage-out"));
		builder.globalTable(topic(applicationId), Consumed.with(Serdes.String(), lastTalks).withName("coverage-in"),
				Materialized.<String, LastTalks, KeyValueStore<Bytes, byte[]>>as(STORE)
					.withKeySerde(Serdes.String())
					.withValueSerde(lastTalks));
	}

	/** {@code <team>|<contact>}: one team's contacts sort together, for a prefix scan. */
	public static String key(UUID teamId, UUID contactId) {
		return teamId + "|" + contactId;
	}

}
