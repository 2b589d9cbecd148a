package dev.rapport.analytics.streams;

import java.time.Clock;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.config.TopicBuilder;

import dev.rapport.analytics.coverage.ContactCoverage.LastTalks;
import dev.rapport.analytics.coverage.CoverageTopology;
import dev.rapport.analytics.coverage.SingleOwnerRisk;
import dev.rapport.analytics.weekly.WeekCounts;
import dev.rapport.analytics.weekly.WeeklyInsights;
import dev.rapport.analytics.weekly.WeeklyTopology;
import dev.rapport.platform.web.ApiException;
import dev.rapport.platform.web.Problems;

/**
 * Wires the topology into spring-kafka's {@link StreamsBuilderFactoryBean} (configured from
 * {@code spring.kafka.streams.*}; Boot adds the Micrometer listener), creates this service's two output topics, and
 * gives the queries the global stores.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class AnalyticsConfiguration {

	private final String applicationId;

	AnalyticsConfiguration(@Value("${spring.kafka.streams.application-id}") String applicationId) {
		this.applicationId = applicationId;
	}

	@Autowired
	void insightsTopology(StreamsBuilder builder) {
		InsightsTopology.build(builder, applicationId);
	}

	/**
	 * A stopping instance leaves the consumer group at once, so the other takes its partitions over now rather than
	 * after the session timeout (45 s).
	 */
	@Bean
	static StreamsBuilderFactoryBeanConfigurer leaveGroupOnClose() {
		return factory -> factory.setLeaveGroupOnClose(true);
	}

	/** Compacted: only each key's latest counts matter, and every instance reads the topic from the start. */
	@Bean
	NewTopic weeklyInsightsTopic() {
		return TopicBuilder.name(WeeklyTopology.topic(applicationId)).compact().build();
	}

	@Bean
	NewTopic coverageTopic() {
		return TopicBuilder.name(CoverageTopology.topic(applicationId)).compact().build();
	}

	@Bean
	WeeklyInsights weeklyInsights(StreamsBuilderFactoryBean streams, Clock clock) {
		return new WeeklyInsights(AnalyticsConfiguration.<WeekCounts>globalStore(streams, WeeklyTopology.STORE), clock);
	}

	@Bean
	SingleOwnerRisk singleOwnerRisk(StreamsBuilderFactoryBean streams, Clock clock) {
		return new SingleOwnerRisk(AnalyticsConfiguration.<LastTalks>globalStore(streams, CoverageTopology.STORE),
				clock);
	}

	/** Up while Kafka Streams runs or rebalances (the global stores answer either way); down otherwise. */
	@Bean
	HealthIndicator kafkaStreamsHealthIndicator(StreamsBuilderFactoryBean streams) {
		return () -> {
			KafkaStreams kafkaStreams = streams.getKafkaStreams();
			KafkaStreams.State state = kafkaStreams == null ? KafkaStreams.State.CREATED : kafkaStreams.state();
			Health.Builder health = state.isRunningOrRebalancing() ? Health.up() : Health.down();
			return health.withDetail("state", state.name()).build();
		};
	}

	static <V> Supplier<ReadOnlyKeyValueStore<String, V>> globalStore(StreamsBuilderFactoryBean streams, String name) {
		return () -> {
			KafkaStreams kafkaStreams = streams.getKafkaStreams();
			if (kafkaStreams == null) {
				throw notReady();
			}
			try {
				return kafkaStreams
					.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
			}
			catch (InvalidStateStoreException ex) {
				throw notReady();
			}
		};
	}

	static ApiException notReady() {
		return ApiException.of(HttpStatus.SERVICE_UNAVAILABLE, Problems.SERVICE_UNAVAILABLE, "Insights not ready",
				"The insights are being restored from the stream; try again in a moment");
	}

}
