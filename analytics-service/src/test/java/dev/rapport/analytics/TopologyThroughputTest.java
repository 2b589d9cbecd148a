package dev.rapport.analytics;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import dev.rapport.analytics.fact.JsonSerdes;
import dev.rapport.events.ConversationFact;
import dev.rapport.events.InteractionSnapshot.FollowUp.Owner;
import dev.rapport.events.RelationshipState;
import dev.rapport.events.RelationshipTransition;
import dev.rapport.events.Topics;

/**
 * How many analytics facts per second the topology processes on one thread (TopologyTestDriver: the topology's own
 * cost, RocksDB stores and JSON included, no broker). A figure, not a check: runs only with
 * {@code -Danalytics.throughput=true}.
 */
@EnabledIfSystemProperty(named = "analytics.throughput", matches = "true")
class TopologyThroughputTest {

	@TempDir
	Path stateDir;

	@Test
	void factsPerSecond() {
		StreamsBuilder builder = new StreamsBuilder();
		InsightsTopology.build(builder, "analytics-throughput");
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-throughput");
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
		Instant now = Instant.parse("2026-11-25T12:00:00Z");
		try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config, now)) {
			TestInputTopic<String, ConversationFact> conversations = driver.createInputTopic(
					Topics.ANALYTICS_CONVERSATIONS, new StringSerializer(), JsonSerdes.conversationFacts().serializer());
			TestInputTopic<String, RelationshipTransition> relationships = driver.createInputTopic(
					Topics.ANALYTICS_RELATIONSHIPS, new StringSerializer(),
					JsonSerdes.relationshipTransitions().serializer());
			List<UUID> teams = ids(20);
			List<UUID> members = ids(100);
			List<UUID> contacts = ids(5_000);
			int facts = Integer.getInteger("analytics.throughput.facts", 50_000);
			long started = System.nanoTime();
			for (int i = 0; i < facts; i++) {
				int member = i % members.size();
				UUID team = teams.get(member % teams.size());
				if (i % 10 == 9) {
					UUID contact = contacts.get(i % contacts.size());
					boolean cooling = (i / 10) % 2 == 0;
					relationships.pipeInput(contact.toString(), Facts.transition(contact, team, members.get(member),
							cooling ? RelationshipState.DUE : RelationshipState.COOLING,
							cooling ? RelationshipState.COOLING : RelationshipState.WARM, now.minusSeconds(i)));
				}
				else {
					// One in five an update of an earlier conversation: its old rows subtracted, the new added.
					UUID interaction = new UUID(0, i % 5 == 4 ? i - 4 : i);
					conversations.pipeInput(interaction.toString(), Facts.conversation(interaction, team,
							members.get(member), now.minus(Duration.ofHours(i % 2_000)), i % 5 == 4 ? 2 : 1,
							List.of(contacts.get(i % contacts.size()), contacts.get((i * 31) % contacts.size())),
							Facts.followUp(LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(i % 30), Owner.ME,
									i % 3 == 0 ? now : null)));
				}
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			System.out.printf("analytics topology: %d facts in %.1f s = %.0f facts/s%n", facts, seconds,
					facts / seconds);
		}
	}

	private static List<UUID> ids(int count) {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(UUID.randomUUID());
		}
		return ids;
	}

}
