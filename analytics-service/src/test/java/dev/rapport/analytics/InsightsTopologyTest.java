package dev.rapport.analytics;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.rapport.analytics.coverage.CoverageTopology;
import dev.rapport.analytics.coverage.SingleOwnerRisk;
import dev.rapport.analytics.coverage.SingleOwnerRisk.Cursor;
import dev.rapport.analytics.coverage.SingleOwnerRisk.Item;
import dev.rapport.analytics.coverage.SingleOwnerRisk.Page;
import dev.rapport.analytics.fact.JsonSerdes;
import dev.rapport.analytics.streams.InsightsTopology;
import dev.rapport.analytics.weekly.WeeklyInsights;
import dev.rapport.analytics.weekly.WeeklyReport;
import dev.rapport.analytics.weekly.WeeklyReport.Counts;
import dev.rapport.analytics.weekly.WeeklyReport.FollowUps;
import dev.rapport.analytics.weekly.WeeklyReport.MemberCounts;
import dev.rapport.analytics.weekly.WeeklyReport.Week;
import dev.rapport.analytics.weekly.WeeklyTopology;
import dev.rapport.events.ConversationFact;
import dev.rapport.events.InteractionSnapshot.FollowUp.Owner;
import dev.rapport.events.RelationshipState;
import dev.rapport.events.RelationshipTransition;
import dev.rapport.events.Topics;
import dev.rapport.platform.time.ShiftableClock;

import static dev.rapport.analytics.Facts.conversation;
import static dev.rapport.analytics.Facts.followUp;
import static dev.rapport.analytics.Facts.transition;
import static dev.rapport.events.RelationshipState.COLD;
import static dev.rapport.events.RelationshipState.COOLING;
import static dev.rapport.events.RelationshipState.DUE;
import static dev.rapport.events.RelationshipState.WARM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topology's logic without a broker (Kafka Streams' TopologyTestDriver, the same topology the service runs):
 * counts per team, member and ISO week; an updated, deleted or redelivered conversation leaving exact counts; cooling
 * episodes counted once, with recovery rate and median; the follow-up buckets; coverage by the clock.
 */
class InsightsTopologyTest {

	/** A Wednesday: its ISO week starts on Monday 23 November 2026. */
	static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	static final LocalDate THIS_WEEK = LocalDate.parse("2026-11-23");

	@TempDir
	Path stateDir;

	final UUID team = UUID.randomUUID();

	final UUID ann = UUID.randomUUID();

	final UUID bob = UUID.randomUUID();

	final ShiftableClock clock = new ShiftableClock(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ZERO);

	TopologyTestDriver driver;

	TestInputTopic<String, ConversationFact> conversations;

	TestInputTopic<String, RelationshipTransition> relationships;

	WeeklyInsights weekly;

	SingleOwnerRisk risk;

	@BeforeEach
	void startDriver() {
		StreamsBuilder builder = new StreamsBuilder();
		InsightsTopology.build(builder, "analytics-topology-test");
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-topology-test");
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
		driver = new TopologyTestDriver(builder.build(), config, NOW);
		conversations = driver.createInputTopic(Topics.ANALYTICS_CONVERSATIONS, new StringSerializer(),
				JsonSerdes.conversationFacts().serializer());
		relationships = driver.createInputTopic(Topics.ANALYTICS_RELATIONSHIPS, new StringSerializer(),
				JsonSerdes.relationshipTransitions().serializer());
		weekly = new WeeklyInsights(() -> driver.getKeyValueStore(WeeklyTopology.STORE), clock);
		risk = new SingleOwnerRisk(() -> driver.getKeyValueStore(CoverageTopology.STORE), clock);
	}

	@AfterEach
	void closeDriver() {
		driver.close();
	}

	@Test
	void conversationsCountByAuthorAndWeekAndPeopleReachedAreDistinct() {
		UUID c1 = UUID.randomUUID();
		UUID c2 = UUID.randomUUID();
		UUID c3 = UUID.randomUUID();
		log(UUID.randomUUID(), ann, NOW.minus(Duration.ofDays(1)), 1, c1, c2);
		log(UUID.randomUUID(), ann, NOW, 1, c2);
		log(UUID.randomUUID(), ann, NOW.plus(Duration.ofHours(1)), 1, c3);
		log(UUID.randomUUID(), bob, NOW, 1, c1);
		// Sunday 22 November 23:59 UTC is the week before; Monday 00:00 is this one.
		log(UUID.randomUUID(), bob, Instant.parse("2026-11-22T23:59:59Z"), 1, c3);
		log(UUID.randomUUID(), bob, Instant.parse("2026-11-23T00:00:00Z"), 1, c3);
		UUID otherTeam = UUID.randomUUID();
		conversations.pipeInput(UUID.randomUUID().toString(),
				conversation(UUID.randomUUID(), otherTeam, ann, NOW, 1, List.of(c1)));

		Week week = thisWeek();
		assertThat(week.weekStart()).isEqualTo(THIS_WEEK);
		assertThat(week.team().conversations()).isEqualTo(5);
		assertThat(week.team().peopleReached()).isEqualTo(3);
		assertThat(member(week, ann).conversations()).isEqualTo(3);
		assertThat(member(week, ann).peopleReached()).isEqualTo(3);
		assertThat(member(week, bob).conversations()).isEqualTo(2);
		assertThat(member(week, bob).peopleReached()).isEqualTo(2);
		Week before = weekly.report(team, 2).weeks().get(0);
		assertThat(before.weekStart()).isEqualTo(THIS_WEEK.minusWeeks(1));
		assertThat(before.team().conversations()).isEqualTo(1);
		assertThat(before.members()).extracting(MemberCounts::memberId).containsExactly(bob);
		assertThat(weekly.report(otherTeam, 1).weeks().get(0).team().conversations()).isEqualTo(1);
	}

	@Test
	void anUpdatedDeletedOrRedeliveredConversationLeavesExactCounts() {
		UUID c1 = UUID.randomUUID();
		UUID c2 = UUID.randomUUID();
		UUID moved = UUID.randomUUID();
		UUID deleted = UUID.randomUUID();
		UUID kept = UUID.randomUUID();
		ConversationFact keptFact = log(kept, ann, NOW, 1, c1);
		log(moved, ann, NOW, 1, c1, c2);
		log(deleted, bob, NOW, 1, c2);
		assertThat(thisWeek().team().conversations()).isEqualTo(3);
		assertThat(thisWeek().team().peopleReached()).isEqualTo(2);

		// Moved two weeks back and now with c2 only; redelivered twice; deleted; an old version arriving late.
		log(moved, ann, NOW.minus(Duration.ofDays(14)), 2, c2);
		log(moved, ann, NOW.minus(Duration.ofDays(14)), 2, c2);
		conversations.pipeInput(kept.toString(), keptFact);
		conversations.pipeInput(kept.toString(), keptFact);
		conversations.pipeInput(deleted.toString(), (ConversationFact) null);
		conversations.pipeInput(deleted.toString(), (ConversationFact) null);
		log(moved, ann, NOW, 1, c1, c2);

		Week week = thisWeek();
		assertThat(week.team().conversations()).isEqualTo(1);
		assertThat(week.team().peopleReached()).isEqualTo(1);
		assertThat(member(week, ann).conversations()).isEqualTo(1);
		assertThat(week.members()).extracting(MemberCounts::memberId).containsExactly(ann);
		Week twoWeeksAgo = weekly.report(team, 3).weeks().get(0);
		assertThat(twoWeeksAgo.team().conversations()).isEqualTo(1);
		assertThat(twoWeeksAgo.team().peopleReached()).isEqualTo(1);

		log(moved, ann, NOW.minus(Duration.ofDays(14)), 3, c1);
		conversations.pipeInput(moved.toString(), (ConversationFact) null);
		assertThat(weekly.report(team, 3).weeks().get(0).team().conversations()).isZero();
		assertThat(weekly.report(team, 3).weeks().get(0).team().peopleReached()).isZero();
	}

	@Test
	void coolingEpisodesCountOnceWithRecoveryRateAndMedianDaysToRewarm() {
		Instant monday = Instant.parse("2026-11-23T09:00:00Z");
		UUID c1 = UUID.randomUUID();
		UUID c2 = UUID.randomUUID();
		UUID c3 = UUID.randomUUID();
		UUID c4 = UUID.randomUUID();
		// Entered a week ago (last week), rewarmed this week after 9 days.
		send(transition(c1, team, ann, DUE, COOLING, monday.minus(Duration.ofDays(6))));
		// Entered this week, a duplicate delivery, and a second transition into COOLING while already cooling.
		RelationshipTransition c2Cooling = transition(c2, team, ann, WARM, COOLING, monday);
		send(c2Cooling);
		send(c2Cooling);
		send(transition(c2, team, ann, DUE, COOLING, monday.plus(Duration.ofHours(1))));
		// COOLING to COLD is not entering cooling.
		send(transition(c2, team, ann, COOLING, COLD, monday.plus(Duration.ofDays(1))));
		// Entered this week, rewarmed a day later; the rewarm delivered twice.
		RelationshipTransition c3Entered = transition(c3, team, bob, DUE, COLD, monday);
		send(c3Entered);
		RelationshipTransition c3Rewarmed = transition(c3, team, bob, COLD, WARM, monday.plus(Duration.ofDays(1)));
		send(c3Rewarmed);
		send(c3Rewarmed);
		// A rewarm with no episode open (its entry predates the stream) and one from DUE: neither is a rewarm here.
		send(transition(c4, team, bob, COOLING, WARM, monday));
		send(transition(c4, team, bob, DUE, WARM, monday));
		send(transition(c1, team, ann, COOLING, WARM, monday.plus(Duration.ofDays(2))));
		// A transition redelivered after its episode closed opens no second one.
		send(c3Entered);

		Week week = thisWeek();
		assertThat(week.team().enteredCooling()).isEqualTo(2);
		assertThat(week.team().rewarmed()).isEqualTo(2);
		assertThat(week.team().recoveryRate()).isEqualTo(0.5);
		// c3 cooled 1 day, c1 8 days: median 4.5.
		assertThat(week.team().medianDaysToRewarm()).isEqualTo(4.5);
		assertThat(member(week, ann).enteredCooling()).isEqualTo(1);
		assertThat(member(week, ann).rewarmed()).isEqualTo(1);
		assertThat(member(week, ann).recoveryRate()).isEqualTo(0.0);
		assertThat(member(week, ann).medianDaysToRewarm()).isEqualTo(8.0);
		assertThat(member(week, bob).recoveryRate()).isEqualTo(1.0);
		assertThat(member(week, bob).medianDaysToRewarm()).isEqualTo(1.0);
		Week lastWeek = weekly.report(team, 2).weeks().get(0);
		assertThat(lastWeek.team().enteredCooling()).isEqualTo(1);
		assertThat(lastWeek.team().recoveryRate()).as("c1 entered last week and has rewarmed since").isEqualTo(1.0);
		assertThat(lastWeek.team().rewarmed()).isZero();
		assertThat(lastWeek.team().medianDaysToRewarm()).isNull();

		// Cooling again after rewarming is a new episode.
		send(transition(c3, team, bob, WARM, COOLING, monday.plus(Duration.ofDays(2))));
		assertThat(member(thisWeek(), bob).enteredCooling()).isEqualTo(2);
		assertThat(member(thisWeek(), bob).recoveryRate()).isEqualTo(0.5);
	}

	@Test
	void followUpsTheAuthorOwesFallOnTimeLateOpenOrBrokenByTheirDueWeek() {
		LocalDate tuesday = THIS_WEEK.plusDays(1);
		// Completed at 23:30 in Los Angeles on the due date: 07:30 UTC the next day, still on time.
		conversations.pipeInput(UUID.randomUUID().toString(),
				conversation(UUID.randomUUID(), team, ann, NOW.minus(Duration.ofDays(10)), "America/Los_Angeles", 1,
						List.of(), followUp(tuesday, Owner.ME, Instant.parse("2026-11-25T07:30:00Z")),
						followUp(tuesday, Owner.ME, Instant.parse("2026-11-26T08:30:00Z")),
						followUp(tuesday, Owner.ME, null), followUp(tuesday, Owner.THEM, null),
						followUp(null, Owner.ME, null)));
		// Due two weeks ago and still open: broken. Due last week, completed on the day.
		LocalDate twoWeeksAgo = THIS_WEEK.minusWeeks(2);
		UUID bobs = UUID.randomUUID();
		var bobsFollowUps = List.of(followUp(twoWeeksAgo, Owner.ME, null),
				followUp(THIS_WEEK.minusDays(3), Owner.ME, Instant.parse("2026-11-20T10:00:00Z")));
		conversations.pipeInput(bobs.toString(), conversation(bobs, team, bob, NOW.minus(Duration.ofDays(20)), 1,
				List.of(), bobsFollowUps.toArray(ConversationFact.FollowUpFact[]::new)));

		Counts annThisWeek = member(thisWeek(), ann);
		assertThat(annThisWeek.followUps()).isEqualTo(new FollowUps(1, 1, 1, 0));
		assertThat(annThisWeek.followThroughRate()).isEqualTo(0.5);
		List<Week> weeks = weekly.report(team, 3).weeks();
		assertThat(weeks.get(0).team().followUps()).isEqualTo(new FollowUps(0, 0, 0, 1));
		assertThat(weeks.get(0).team().followThroughRate()).isEqualTo(0.0);
		assertThat(weeks.get(1).team().followUps()).isEqualTo(new FollowUps(1, 0, 0, 0));
		assertThat(weeks.get(1).team().followThroughRate()).isEqualTo(1.0);

		// Six days after Tuesday it is still open; seven days after, broken.
		clock.shift(Duration.ofDays(5));
		assertThat(weekly.report(team, 2).weeks().get(0).team().followUps()).isEqualTo(new FollowUps(1, 1, 1, 0));
		clock.shift(Duration.ofDays(1));
		Week dueWeek = weekly.report(team, 2).weeks().get(0);
		assertThat(dueWeek.weekStart()).isEqualTo(THIS_WEEK);
		assertThat(dueWeek.team().followUps()).isEqualTo(new FollowUps(1, 1, 0, 1));
		assertThat(dueWeek.team().followThroughRate()).isEqualTo(0.3333);

		// Completing the broken one late moves it from broken to late.
		conversations.pipeInput(bobs.toString(), conversation(bobs, team, bob, NOW.minus(Duration.ofDays(20)), 2,
				List.of(),
				new ConversationFact.FollowUpFact(bobsFollowUps.get(0).id(), twoWeeksAgo, Owner.ME, NOW),
				bobsFollowUps.get(1)));
		assertThat(weekly.report(team, 4).weeks().get(0).team().followUps()).isEqualTo(new FollowUps(0, 1, 0, 0));
	}

	@Test
	void singleOwnerRiskListsContactsOnlyOneTeammateTalkedToInNinetyDaysMostAtRiskFirst() {
		UUID annOnly = UUID.randomUUID();
		UUID annOnlyLongAgo = UUID.randomUUID();
		UUID both = UUID.randomUUID();
		UUID bobRecentAnnOld = UUID.randomUUID();
		UUID stale = UUID.randomUUID();
		log(UUID.randomUUID(), ann, NOW.minus(Duration.ofDays(10)), 1, annOnly, both);
		log(UUID.randomUUID(), ann, NOW.minus(Duration.ofDays(3)), 1, annOnly);
		log(UUID.randomUUID(), ann, NOW.minus(Duration.ofDays(80)), 1, annOnlyLongAgo);
		UUID bobsTalk = UUID.randomUUID();
		log(bobsTalk, bob, NOW.minus(Duration.ofDays(1)), 1, both);
		log(UUID.randomUUID(), ann, NOW.minus(Duration.ofDays(120)), 1, bobRecentAnnOld);
		log(UUID.randomUUID(), bob, NOW.minus(Duration.ofDays(5)), 1, bobRecentAnnOld);
		log(UUID.randomUUID(), ann, NOW.minus(Duration.ofDays(91)), 1, stale);

		Page page = risk.page(team, 50, null);
		assertThat(page.items()).containsExactly(
				new Item(annOnlyLongAgo, ann, NOW.minus(Duration.ofDays(80))),
				new Item(bobRecentAnnOld, bob, NOW.minus(Duration.ofDays(5))),
				new Item(annOnly, ann, NOW.minus(Duration.ofDays(3))));
		assertThat(page.nextCursor()).isNull();

		// Bob's conversation deleted: only Ann has talked to "both".
		conversations.pipeInput(bobsTalk.toString(), (ConversationFact) null);
		assertThat(risk.page(team, 50, null).items()).extracting(Item::contactId)
			.containsExactly(annOnlyLongAgo, both, bobRecentAnnOld, annOnly);

		Page first = risk.page(team, 2, null);
		assertThat(first.items()).extracting(Item::contactId).containsExactly(annOnlyLongAgo, both);
		Page second = risk.page(team, 2, Cursor.decode(first.nextCursor()));
		assertThat(second.items()).extracting(Item::contactId).containsExactly(bobRecentAnnOld, annOnly);
		assertThat(second.nextCursor()).isNull();

		// Eleven days later Ann's talk of 80 days ago has left the window.
		clock.shift(Duration.ofDays(11));
		assertThat(risk.page(team, 50, null).items()).extracting(Item::contactId)
			.containsExactly(both, bobRecentAnnOld, annOnly);
		assertThat(risk.page(UUID.randomUUID(), 50, null).items()).isEmpty();
	}

	private ConversationFact log(UUID interaction, UUID author, Instant happenedAt, long version, UUID... contacts) {
		ConversationFact fact = conversation(interaction, team, author, happenedAt, version, List.of(contacts));
		conversations.pipeInput(interaction.toString(), fact);
		return fact;
	}

	private void send(RelationshipTransition transition) {
		relationships.pipeInput(transition.key(), transition);
	}

	private Week thisWeek() {
		return thisWeekOf(weekly.report(team, 1));
	}

	private static Week thisWeekOf(WeeklyReport report) {
		return report.weeks().getLast();
	}

	private static Counts member(Week week, UUID member) {
		return week.members()
			.stream()
			.filter(counts -> counts.memberId().equals(member))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no counts for " + member + " in " + week))
			.counts();
	}

}
