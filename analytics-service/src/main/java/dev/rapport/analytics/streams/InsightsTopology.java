package dev.rapport.analytics.streams;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import dev.rapport.analytics.coverage.CoverageTopology;
import dev.rapport.analytics.fact.Contribution;
import dev.rapport.analytics.fact.ConversationContributions;
import dev.rapport.analytics.fact.CoolingEpisodes;
import dev.rapport.analytics.fact.CoolingEpisodes.CoolingPhase;
import dev.rapport.analytics.fact.JsonSerdes;
import dev.rapport.analytics.weekly.WeeklyTopology;
import dev.rapport.events.Topics;

/**
 * The whole topology. The two analytics topics become contribution rows ({@link ConversationContributions},
 * {@link CoolingEpisodes}), one table of them keyed by origin ({@link #CONTRIBUTIONS}); the weekly and coverage parts
 * aggregate that table with adder and subtractor, publish their results on compacted topics of this application's own,
 * and read them back as global tables, which is what the API queries. Every store is backed by a changelog topic, so
 * an instance that restarts, or takes over partitions, restores it from Kafka.
 */
public final class InsightsTopology {

	public static final String CONTRIBUTIONS = "contributions";

	private InsightsTopology() {
	}

	/**
	 * @param applicationId the Kafka Streams application id: it names this application's output topics, as it names
	 *        its internal ones, so two deployments on one cluster never share them
	 */
	public static void build(StreamsBuilder builder, String applicationId) {
		builder.addStateStore(Stores.keyValueStoreBuilder(
				Stores.persistentKeyValueStore(ConversationContributions.STORE), Serdes.String(),
				JsonSerdes.conversationFacts()));
		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CoolingEpisodes.STORE),
				Serdes.String(), JsonSerdes.json(CoolingPhase.class)));
		KStream<String, Contribution> fromConversations = builder
			.stream(Topics.ANALYTICS_CONVERSATIONS,
					Consumed.with(Serdes.String(), JsonSerdes.conversationFacts()).withName("conversations-in"))
			.process(ConversationContributions::new, Named.as("conversation-contributions"),
					ConversationContributions.STORE);
		KStream<String, Contribution> fromRelationships = builder
			.stream(Topics.ANALYTICS_RELATIONSHIPS,
					Consumed.with(Serdes.String(), JsonSerdes.relationshipTransitions()).withName("relationships-in"))
			.process(CoolingEpisodes::new, Named.as("cooling-episodes"), CoolingEpisodes.STORE);
		KTable<String, Contribution> contributions = fromConversations
			.merge(fromRelationships, Named.as("contribution-rows"))
			.toTable(Named.as(CONTRIBUTIONS),
					Materialized.<String, Contribution, KeyValueStore<Bytes, byte[]>>as(CONTRIBUTIONS)
						.withKeySerde(Serdes.String())
						.withValueSerde(JsonSerdes.json(Contribution.class)));
		WeeklyTopology.build(builder, contributions, applicationId);
		CoverageTopology.build(builder, contributions, applicationId);
	}

}
