package dev.rapport.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import dev.rapport.analytics.fact.Contribution;
import dev.rapport.analytics.weekly.WeeklyInsights;
import dev.rapport.analytics.weekly.WeeklyReport;
import dev.rapport.analytics.weekly.WeeklyReport.MemberCounts;
import dev.rapport.analytics.weekly.WeeklyReport.Week;
import dev.rapport.events.ConversationFact;
import dev.rapport.events.RelationshipTransition;
import dev.rapport.platform.test.TestInfrastructure;

import static dev.rapport.events.RelationshipState.COOLING;
import static dev.rapport.events.RelationshipState.DUE;
import static dev.rapport.events.RelationshipState.WARM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the service (two application contexts, one Kafka Streams application id, a state directory each)
 * on the real broker: they split the input partitions, each answers for the whole team (global tables), and one
 * stopped and started again with an empty state directory restores its stores from the changelog topics. What it
 * counts after the restart depends on that state: updates and deletes of conversations it saw before, rewarms of
 * episodes opened before, and redeliveries of everything.
 */
class TwoInstancesTest {

	static final Duration WAIT = Duration.ofMinutes(3);

	final String applicationId = "analytics-two-" + UUID.randomUUID();

	final UUID team = UUID.randomUUID();

	final List<UUID> members = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

	final List<UUID> contacts = java.util.stream.IntStream.range(0, 12).mapToObj(i -> UUID.randomUUID()).toList();

	/** What the topics say now, per interaction: the model the instances' numbers are checked against. */
	final Map<UUID, ConversationFact> current = new LinkedHashMap<>();

	final Instant now = Instant.now();

	final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	final AnalyticsFeed feed = new AnalyticsFeed(TestInfrastructure.kafkaBootstrapServers());

	@AfterEach
	void stop() {
		instances.forEach(ConfigurableApplicationContext::close);
		feed.close();
	}

	@Test
	void twoInstancesShareThePartitionsAndARestartedOneRestoresItsStateFromTheChangelogs() {
		ConfigurableApplicationContext first = start();
		ConfigurableApplicationContext second = start();
		awaitActiveTasks(first, second);

		for (int i = 0; i < 30; i++) {
			log(UUID.randomUUID(), i, now.minus(Duration.ofHours(1 + i)), 1);
		}
		List<RelationshipTransition> entries = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			RelationshipTransition entry = Facts.transition(contacts.get(i), team, members.get(i % 3), DUE, COOLING,
					now.minus(Duration.ofDays(3)));
			entries.add(entry);
			feed.send(entry);
		}
		awaitExpected(0, first, second);

		second.close();
		instances.remove(second);
		List<UUID> ids = new ArrayList<>(current.keySet());
		for (int i = 0; i < 8; i++) {
			log(ids.get(i), i + 1, now.minus(Duration.ofDays(7)), 2);
		}
		awaitExpected(0, first);

		ConfigurableApplicationContext restarted = start();
		awaitActiveTasks(first, restarted);
		for (int i = 8; i < 14; i++) {
			log(ids.get(i), i + 2, now.minus(Duration.ofDays(8)), 2);
		}
		for (int i = 14; i < 20; i++) {
			feed.deleteConversation(ids.get(i));
			current.remove(ids.get(i));
		}
		// Everything again, as a relay retrying after a crash would send it.
		current.values().forEach(feed::send);
		entries.forEach(feed::send);
		for (int i = 0; i < 6; i++) {
			feed.send(Facts.transition(contacts.get(i), team, members.get(i % 3), COOLING, WARM, now));
		}
		entries.forEach(feed::send);
		awaitExpected(6, first, restarted);
	}

	private ConfigurableApplicationContext start() {
		ConfigurableApplicationContext instance = AnalyticsTestProperties.startInstance(applicationId,
				AnalyticsTestProperties.newStateDir());
		instances.add(instance);
		return instance;
	}

	/** Until the group has settled with each instance running active tasks of its own. */
	private static void awaitActiveTasks(ConfigurableApplicationContext... instances) {
		Awaitility.await().atMost(WAIT).untilAsserted(() -> {
			for (ConfigurableApplicationContext instance : instances) {
				KafkaStreams streams = instance.getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
				assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
				assertThat(streams.metadataForLocalThreads()).flatExtracting(ThreadMetadata::activeTasks).isNotEmpty();
			}
		});
	}

	private void log(UUID interaction, int n, Instant happenedAt, long version) {
		ConversationFact fact = Facts.conversation(interaction, team, members.get(n % 3), happenedAt, version,
				List.of(contacts.get(n % contacts.size()), contacts.get((n * 7 + 1) % contacts.size())));
		current.put(interaction, fact);
		feed.send(fact);
	}

	/** Every instance answers with the model's numbers, for this week and the last two. */
	private void awaitExpected(int rewarmed, ConfigurableApplicationContext... instances) {
		Map<LocalDate, Expected> expected = expected();
		for (ConfigurableApplicationContext instance : instances) {
			WeeklyInsights insights = instance.getBean(WeeklyInsights.class);
			Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				WeeklyReport report = insights.report(team, 3);
				for (Week week : report.weeks()) {
					Expected want = expected.getOrDefault(week.weekStart(), Expected.NONE);
					assertThat(week.team().conversations()).as("conversations in %s", week.weekStart())
						.isEqualTo(want.conversations);
					assertThat(week.team().peopleReached()).as("people reached in %s", week.weekStart())
						.isEqualTo(want.contacts.size());
					// Members with cooling counts only appear too.
					assertThat(week.members().stream()
						.filter(m -> m.counts().conversations() > 0)
						.collect(Collectors.toMap(MemberCounts::memberId, m -> m.counts().conversations())))
						.as("conversations per member in %s", week.weekStart())
						.isEqualTo(want.byMember);
				}
				Week coolingWeek = report.weeks()
					.stream()
					.filter(week -> week.weekStart().equals(Contribution.weekOf(now.minus(Duration.ofDays(3)))))
					.findFirst()
					.orElseThrow();
				assertThat(coolingWeek.team().enteredCooling()).isEqualTo(6);
				assertThat(coolingWeek.team().recoveryRate()).isEqualTo(rewarmed / 6.0);
				assertThat(report.weeks().getLast().team().rewarmed()).isEqualTo(rewarmed);
			});
		}
	}

	private Map<LocalDate, Expected> expected() {
		Map<LocalDate, Expected> weeks = new TreeMap<>();
		for (ConversationFact fact : current.values()) {
			Expected week = weeks.computeIfAbsent(Contribution.weekOf(fact.happenedAt()), w -> new Expected());
			week.conversations++;
			week.contacts.addAll(fact.contactIds());
			week.byMember.merge(fact.authorId(), 1L, Long::sum);
		}
		return weeks;
	}

	static final class Expected {

		static final Expected NONE = new Expected();

		long conversations;

		final Set<UUID> contacts = new HashSet<>();

		final Map<UUID, Long> byMember = new TreeMap<>();

	}

}
