package dev.rapport.reminders.relationship;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.rapport.events.ContactSnapshot;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.events.RelationshipCooling;
import dev.rapport.events.RelationshipRewarmed;
import dev.rapport.events.RelationshipState;
import dev.rapport.reminders.relationship.CadenceRule.CadenceSource;
import dev.rapport.reminders.relationship.Relationship.Contact;
import dev.rapport.reminders.relationship.Relationship.Evaluation;
import dev.rapport.reminders.relationship.Relationship.History;
import dev.rapport.reminders.relationship.Relationship.Standing;
import dev.rapport.reminders.relationship.Relationship.Transition;

import static dev.rapport.events.RelationshipState.COLD;
import static dev.rapport.events.RelationshipState.COOLING;
import static dev.rapport.events.RelationshipState.DUE;
import static dev.rapport.events.RelationshipState.WARM;
import static org.assertj.core.api.Assertions.assertThat;

class RelationshipTest {

	private static final Instant ADDED = Instant.parse("2026-01-01T00:00:00Z");

	private static final Instant LAST_TOUCH = Instant.parse("2026-02-01T00:00:00Z");

	private static final UUID CONTACT = UUID.randomUUID();

	private static final UUID TEAM = UUID.randomUUID();

	private static final UUID OWNER = UUID.randomUUID();

	private static final UUID LAST_INTERACTION = UUID.randomUUID();

	@Test
	void timeRunningOutMakesItDueOnceWithOneCoolingEvent() {
		Evaluation evaluation = touched(14, WARM).evaluate(days(14.5));

		assertThat(evaluation.transition()).contains(new Transition(WARM, DUE, 14, 14));
		assertThat(evaluation.events()).singleElement().isInstanceOfSatisfying(RelationshipCooling.class, cooling -> {
			assertThat(cooling.previousState()).isEqualTo(WARM);
			assertThat(cooling.state()).isEqualTo(DUE);
			assertThat(cooling.daysSinceLastTouch()).isEqualTo(14);
			assertThat(cooling.expectedGapDays()).isEqualTo(14);
			assertThat(cooling.lastInteractionAt()).isEqualTo(LAST_TOUCH);
			assertThat(cooling.ownerId()).isEqualTo(OWNER);
		});
		Relationship due = evaluation.relationship();
		assertThat(due.standing()).isEqualTo(new Standing(14, CadenceSource.CONTACT, DUE, days(14.5)));
		assertThat(due.nextEvaluationAt()).as("when it turns COOLING").isEqualTo(days(18));
		assertThat(evaluation.tracked()).isTrue();
	}

	@Test
	void eachColderStateIsEnteredOnceAsTimePasses() {
		Evaluation cooling = touched(14, DUE).evaluate(days(18));
		assertThat(cooling.transition()).contains(new Transition(DUE, COOLING, 18, 14));
		assertThat(cooling.relationship().nextEvaluationAt()).isEqualTo(days(28));

		Evaluation cold = cooling.relationship().evaluate(days(28));
		assertThat(cold.transition()).contains(new Transition(COOLING, COLD, 28, 14));
		assertThat(cold.events()).singleElement().isInstanceOf(RelationshipCooling.class);
		assertThat(cold.relationship().nextEvaluationAt()).as("nothing colder than COLD").isNull();
	}

	@Test
	void aLongSilenceJumpsStraightToColdWithOneEvent() {
		Evaluation evaluation = touched(14, WARM).evaluate(days(40));

		assertThat(evaluation.transition()).contains(new Transition(WARM, COLD, 40, 14));
		assertThat(evaluation.events()).singleElement()
			.isInstanceOfSatisfying(RelationshipCooling.class, cooling -> assertThat(cooling.state()).isEqualTo(COLD));
	}

	@Test
	void lookingAgainWithoutAChangeDecidesNothing() {
		Relationship due = touched(14, DUE);

		Evaluation evaluation = due.evaluate(days(15));

		assertThat(evaluation.transition()).isEmpty();
		assertThat(evaluation.events()).isEmpty();
		assertThat(evaluation.relationship().standing().stateChangedAt()).isEqualTo(due.standing().stateChangedAt());
		assertThat(evaluation.relationship().updatedAt()).isEqualTo(days(15));
	}

	@Test
	void aNewerInteractionResetsTheClockAndRewarms() {
		UUID interaction = UUID.randomUUID();
		Instant now = days(30);
		List<Instant> newestFirst = List.of(now.minus(Duration.ofHours(1)), LAST_TOUCH);

		Evaluation evaluation = touched(14, COLD).recount(newestFirst, 2, interaction, now);

		assertThat(evaluation.transition()).hasValueSatisfying(t -> {
			assertThat(t.from()).isEqualTo(COLD);
			assertThat(t.rewarmed()).isTrue();
		});
		assertThat(evaluation.events()).singleElement().isInstanceOfSatisfying(RelationshipRewarmed.class, rewarmed -> {
			assertThat(rewarmed.previousState()).isEqualTo(COLD);
			assertThat(rewarmed.interactionId()).isEqualTo(interaction);
			assertThat(rewarmed.lastInteractionAt()).isEqualTo(newestFirst.getFirst());
		});
		History history = evaluation.relationship().history();
		assertThat(history).isEqualTo(new History(newestFirst.getFirst(), interaction, 2, List.of(30.0)));
		assertThat(evaluation.relationship().nextEvaluationAt()).isEqualTo(newestFirst.getFirst().plus(Duration.ofDays(14)));
	}

	@Test
	void anOlderInteractionArrivingLateNeverMovesTheLastTouchBack() {
		UUID late = UUID.randomUUID();
		List<Instant> newestFirst = List.of(LAST_TOUCH, LAST_TOUCH.minus(Duration.ofDays(20)));

		Evaluation evaluation = touched(14, COOLING).recount(newestFirst, 2, late, days(20));

		History history = evaluation.relationship().history();
		assertThat(history.lastInteractionAt()).isEqualTo(LAST_TOUCH);
		assertThat(history.lastInteractionId()).isEqualTo(LAST_INTERACTION);
		assertThat(history.interactionCount()).isEqualTo(2);
		assertThat(evaluation.transition()).as("no reset: still cooling").isEmpty();
		assertThat(evaluation.events()).isEmpty();
	}

	@Test
	void withoutANewInteractionItWarmsOnlyClearOfTheBoundary() {
		// The contact's cadence grew from 14 to 15 days; 14.5 days since the last touch is inside the margin.
		Relationship due = touched(15, DUE);
		assertThat(due.evaluate(days(14.5)).transition()).isEmpty();

		Evaluation clear = due.evaluate(days(12.9));
		assertThat(clear.transition()).contains(new Transition(DUE, WARM, 12, 15));
		assertThat(clear.events()).as("warm again, though no one was in touch")
			.singleElement()
			.isInstanceOfSatisfying(RelationshipRewarmed.class, r -> assertThat(r.interactionId()).isNull());
	}

	@Test
	void warmerButNotWarmIsAChangeWithoutAnEvent() {
		// A cadence raised from 14 to 30 days: 30 days since the last touch is DUE, no longer COLD.
		Evaluation evaluation = touched(30, COLD).evaluate(days(30));

		assertThat(evaluation.transition()).contains(new Transition(COLD, DUE, 30, 30));
		assertThat(evaluation.events()).isEmpty();
	}

	@Test
	void warmingWithoutAnyInteractionClosesNudgesWithoutAnEvent() {
		Relationship untouched = relationship(contact(14), new History(null, null, 0, List.of()), COOLING);

		Evaluation evaluation = untouched.withContact(TEAM, OWNER, snapshot(90, 2), ADDED.plus(Duration.ofDays(20)))
			.evaluate(ADDED.plus(Duration.ofDays(20)));

		assertThat(evaluation.transition()).hasValueSatisfying(t -> assertThat(t.rewarmed()).isTrue());
		assertThat(evaluation.events()).as("RelationshipRewarmed needs a last interaction").isEmpty();
		assertThat(evaluation.relationship().nextEvaluationAt()).isEqualTo(ADDED.plus(Duration.ofDays(90)));
	}

	@Test
	void aCadenceIsLearnedFromTheHistoryWhenTheContactHasNone() {
		Instant now = days(1);
		List<Instant> newestFirst = List.of(now, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(22)));
		Relationship noCadence = relationship(contact(null), new History(null, null, 0, List.of()), WARM);

		Evaluation evaluation = noCadence.recount(newestFirst, 3, UUID.randomUUID(), now);

		assertThat(evaluation.relationship().standing().effectiveCadenceDays()).as("median of 10 and 12").isEqualTo(11);
		assertThat(evaluation.relationship().standing().cadenceSource()).isEqualTo(CadenceSource.LEARNED);
		assertThat(evaluation.relationship().nextEvaluationAt()).isEqualTo(now.plus(Duration.ofDays(11)));
	}

	@Test
	void aLearnedCadenceCoolsByThePersonsOwnSpread() {
		List<Double> irregular = List.of(10d, 20d, 14d, 9d, 25d, 12d, 30d, 14d);
		Relationship learned = relationship(contact(null), new History(LAST_TOUCH, LAST_INTERACTION, 9, irregular), DUE);
		int coolingAt = (int) Math.round(GapDistribution.MAX_FACTOR * 14);

		Evaluation ordinary = learned.evaluate(days(20));
		assertThat(ordinary.transition()).as("20 days is an ordinary gap for this person (the old rule said COOLING)")
			.isEmpty();
		assertThat(ordinary.relationship().nextEvaluationAt()).isEqualTo(days(coolingAt));

		Evaluation drifted = ordinary.relationship().evaluate(days(coolingAt));
		assertThat(drifted.transition()).contains(new Transition(DUE, COOLING, coolingAt, 14));
	}

	@Test
	void aCadenceTheUserSetKeepsItsThresholdsWhateverTheHistory() {
		List<Double> irregular = List.of(10d, 20d, 14d, 9d, 25d, 12d, 30d, 14d);
		Relationship tier = relationship(contact(14), new History(LAST_TOUCH, LAST_INTERACTION, 9, irregular), DUE);

		assertThat(tier.evaluate(days(18)).transition()).contains(new Transition(DUE, COOLING, 18, 14));
	}

	@Test
	void withoutACadenceItStaysWarmAndIsNotLookedAtByTime() {
		Relationship noCadence = relationship(contact(null), new History(LAST_TOUCH, LAST_INTERACTION, 1, List.of()),
				WARM);

		Evaluation evaluation = noCadence.evaluate(days(400));

		assertThat(evaluation.relationship().standing()).isEqualTo(new Standing(null, CadenceSource.NONE, WARM, ADDED));
		assertThat(evaluation.relationship().nextEvaluationAt()).isNull();
		assertThat(evaluation.transition()).isEmpty();
		assertThat(evaluation.events()).isEmpty();
	}

	@Test
	void placeholdersAndArchivedContactsKeepTheirStateAndAreNotTracked() {
		Relationship placeholder = new Relationship(CONTACT, TEAM,
				new Contact(null, false, null, null, false, 0, null, null, null, List.of()),
				new History(LAST_TOUCH, LAST_INTERACTION, 3, List.of(10.0, 12.0)),
				new Standing(null, CadenceSource.NONE, WARM, null), null, ADDED);
		Evaluation collected = placeholder.evaluate(days(100));
		assertThat(collected.tracked()).isFalse();
		assertThat(collected.events()).isEmpty();
		assertThat(collected.relationship().standing())
			.as("the cadence is still worked out, the state left alone")
			.isEqualTo(new Standing(11, CadenceSource.LEARNED, WARM, null));

		Evaluation archived = touched(14, DUE).withArchived(true).evaluate(days(40));
		assertThat(archived.tracked()).isFalse();
		assertThat(archived.transition()).isEmpty();
		assertThat(archived.relationship().standing().state()).isEqualTo(DUE);
		assertThat(archived.relationship().nextEvaluationAt()).isNull();
	}

	@Test
	void onlyANewerContactSnapshotIsNews() {
		Relationship known = touched(14, WARM);
		assertThat(known.isOlderThan(snapshot(14, 1))).isFalse();
		assertThat(known.isOlderThan(snapshot(14, 2))).isTrue();

		Relationship updated = known.withContact(TEAM, OWNER, snapshot(30, 2), days(1));
		assertThat(updated.contact().cadenceDays()).isEqualTo(30);
		assertThat(updated.contact().cadenceTier()).isNull();
		assertThat(updated.contact().version()).isEqualTo(2);
		assertThat(updated.history()).as("the history stays").isEqualTo(known.history());
	}

	@Test
	void aDateReminderCanMakeItLookAgainSooner() {
		Relationship warm = touched(14, WARM).evaluate(days(1)).relationship();

		assertThat(warm.lookAgainBy(days(3)).nextEvaluationAt()).isEqualTo(days(3));
		assertThat(warm.lookAgainBy(days(30)).nextEvaluationAt()).isEqualTo(days(14));
		assertThat(warm.lookAgainBy(null).nextEvaluationAt()).isEqualTo(days(14));
	}

	/** A known contact with {@code cadence} days, last touched at {@link #LAST_TOUCH}, in {@code state}. */
	private static Relationship touched(int cadence, RelationshipState state) {
		return relationship(contact(cadence), new History(LAST_TOUCH, LAST_INTERACTION, 1, List.of()), state);
	}

	private static Relationship relationship(Contact contact, History history, RelationshipState state) {
		return new Relationship(CONTACT, TEAM, contact, history, new Standing(null, CadenceSource.NONE, state, ADDED),
				null, ADDED);
	}

	private static Contact contact(Integer cadenceDays) {
		return new Contact(OWNER, true, "Ada", Visibility.TEAM, false, 1, ADDED, null, cadenceDays, List.of());
	}

	private static ContactSnapshot snapshot(int cadenceDays, long version) {
		return new ContactSnapshot("Ada", "Ada", "Lovelace", List.of(), List.of(), null, null, null, null, List.of(),
				List.of(), null, List.of(), new ContactSnapshot.Cadence(null, cadenceDays), Visibility.TEAM, false, version,
				ADDED, ADDED);
	}

	/** {@code days} after {@link #LAST_TOUCH}. */
	private static Instant days(double days) {
		return LAST_TOUCH.plusSeconds(Math.round(days * 86_400));
	}

}
