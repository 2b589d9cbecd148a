package dev.rapport.reminders.relationship;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.rapport.events.ContactSnapshot;
import dev.rapport.events.ContactSnapshot.ImportantDate;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.events.RelationshipCooling;
import dev.rapport.events.RelationshipEvent;
import dev.rapport.events.RelationshipRewarmed;
import dev.rapport.events.RelationshipState;
import dev.rapport.reminders.relationship.CadenceRule.Cadence;
import dev.rapport.reminders.relationship.CadenceRule.CadenceSource;

/**
 * What this service knows about one contact's relationship with the team, and the one place that decides how warm
 * it is ({@link #evaluate}, {@link #recount}): pure, so every transition is unit-tested without a database, while
 * {@link RelationshipService} only loads, saves and publishes what was decided. Three parts change for different
 * reasons: the {@link Contact} as contacts-service describes it, the team's interaction {@link History} with it, and
 * the {@link Standing} this service gave it.
 */
public record Relationship(UUID contactId, UUID teamId, Contact contact, History history, Standing standing,
		Instant nextEvaluationAt, Instant updatedAt) {

	/** Where the clock runs from: the last interaction, or when the contact was added if there was none. */
	public Instant anchor() {
		return history.lastInteractionAt() != null ? history.lastInteractionAt() : contact.createdAt();
	}

	public boolean visibleTo(UUID userId) {
		return contact.visibility() == Visibility.TEAM || userId.equals(contact.ownerId());
	}

	/** Whether {@code snapshot} is news: the first one for a placeholder, or newer than the one applied. */
	public boolean isOlderThan(ContactSnapshot snapshot) {
		return !contact.known() || snapshot.version() > contact.version();
	}

	/** The contact as {@code snapshot} describes it now (ContactCreated, ContactUpdated); not yet evaluated. */
	public Relationship withContact(UUID teamId, UUID ownerId, ContactSnapshot snapshot, Instant now) {
		return new Relationship(contactId, teamId, Contact.of(ownerId, snapshot), history, standing, nextEvaluationAt,
				now);
	}

	/** Archived or back (ContactArchived, ContactUnarchived); not yet evaluated. */
	public Relationship withArchived(boolean archived) {
		return new Relationship(contactId, teamId, contact.withArchived(archived), history, standing, nextEvaluationAt,
				updatedAt);
	}

	/**
	 * Looks again at {@code now} without a new interaction (time passed, the contact changed): colder at once, warmer
	 * only with the hysteresis margin.
	 */
	public Evaluation evaluate(Instant now) {
		return evaluate(now, null, false);
	}

	/**
	 * The contact's interactions changed ({@code interactionId} logged, updated or deleted): takes the history
	 * recounted from the local copy ({@code newestFirst} at most {@value CadenceRule#MAX_GAPS} + 1 times, out of
	 * {@code count}) and evaluates. The last touch only moves forward: an older interaction arriving late counts
	 * toward cadence but never moves it back. A newer last touch resets the clock, so the state is taken plainly,
	 * without hysteresis.
	 */
	public Evaluation recount(List<Instant> newestFirst, int count, UUID interactionId, Instant now) {
		Instant last = newestFirst.isEmpty() ? null : newestFirst.getFirst();
		boolean touched = last != null
				&& (history.lastInteractionAt() == null || last.isAfter(history.lastInteractionAt()));
		UUID lastId = touched ? interactionId : (last == null ? null : history.lastInteractionId());
		History recounted = new History(last, lastId, count, CadenceRule.gapsDays(newestFirst));
		Relationship updated = new Relationship(contactId, teamId, contact, recounted, standing, nextEvaluationAt, now);
		return updated.evaluate(now, touched ? interactionId : null, touched);
	}

	/**
	 * Computes cadence and state at {@code now}, the transition if the state changed and the events it implies (one
	 * per colder state entered, one on warming through a new touch), and when to look again at the latest: the next
	 * colder threshold. A placeholder, an archived contact or one without owner keeps its state and is not looked at
	 * again by time.
	 */
	private Evaluation evaluate(Instant now, UUID interactionId, boolean clockReset) {
		Cadence cadence = CadenceRule.effective(contact.cadenceDays(), history.interactionCount(),
				history.recentGapsDays());
		if (!contact.known() || contact.archived() || contact.ownerId() == null) {
			Standing kept = new Standing(cadence.days(), cadence.source(), standing.state(), standing.stateChangedAt());
			return new Evaluation(with(kept, null, now), Optional.empty(), List.of(), false);
		}
		RelationshipState state = RelationshipState.WARM;
		Instant nextColderAt = null;
		double days = CoolingThresholds.daysBetween(anchor(), now);
		int wholeDays = (int) Math.max(0, Math.floor(days));
		if (!cadence.none()) {
			CoolingThresholds thresholds = cadence.source() == CadenceSource.LEARNED
					? GapDistribution.of(history.recentGapsDays()).thresholds(cadence.days())
					: new CoolingThresholds(cadence.days());
			state = clockReset ? thresholds.plain(days) : thresholds.next(standing.state(), days);
			nextColderAt = thresholds.nextColderAt(anchor(), state);
		}
		if (state == standing.state()) {
			Standing same = new Standing(cadence.days(), cadence.source(), state, standing.stateChangedAt());
			return new Evaluation(with(same, nextColderAt, now), Optional.empty(), List.of(), true);
		}
		Transition transition = new Transition(standing.state(), state, wholeDays, cadence.days());
		List<RelationshipEvent> events = List.of();
		if (transition.colder()) {
			events = List.of(RelationshipCooling.of(contactId, teamId, contact.ownerId(), transition.from(), state,
					wholeDays, cadence.days(), history.lastInteractionAt(), now));
		}
		else if (transition.rewarmed() && history.lastInteractionAt() != null) {
			events = List.of(RelationshipRewarmed.of(contactId, teamId, contact.ownerId(), transition.from(),
					history.lastInteractionAt(), interactionId, now));
		}
		Standing changed = new Standing(cadence.days(), cadence.source(), state, now);
		return new Evaluation(with(changed, nextColderAt, now), Optional.of(transition), events, true);
	}

	/** The same relationship looked at again by {@code next} at the latest (e.g. the day a date reminder is due). */
	public Relationship lookAgainBy(Instant next) {
		return new Relationship(contactId, teamId, contact, history, standing, earliest(nextEvaluationAt, next),
				updatedAt);
	}

	private Relationship with(Standing standing, Instant nextEvaluationAt, Instant now) {
		return new Relationship(contactId, teamId, contact, history, standing, nextEvaluationAt, now);
	}

	private static Instant earliest(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return b == null || a.isBefore(b) ? a : b;
	}

	/**
	 * The contact as contacts-service last described it. {@code known} is false for a placeholder made by an
	 * interaction that arrived before the contact's ContactCreated: it collects interactions and nothing else.
	 */
	public record Contact(UUID ownerId, boolean known, String displayName, Visibility visibility, boolean archived,
			long version, Instant createdAt, String cadenceTier, Integer cadenceDays,
			List<ImportantDate> importantDates) {

		static Contact of(UUID ownerId, ContactSnapshot snapshot) {
			ContactSnapshot.Cadence cadence = snapshot.cadence();
			return new Contact(ownerId, true, snapshot.displayName(), snapshot.visibility(), snapshot.archived(),
					snapshot.version(), snapshot.createdAt(),
					cadence == null || cadence.tier() == null ? null : cadence.tier().name(),
					cadence == null ? null : cadence.days(), snapshot.importantDates());
		}

		Contact withArchived(boolean archived) {
			return new Contact(ownerId, known, displayName, visibility, archived, version, createdAt, cadenceTier,
					cadenceDays, importantDates);
		}

	}

	/** The team's interactions with the contact, as far as cadence and cooling need them. */
	public record History(Instant lastInteractionAt, UUID lastInteractionId, int interactionCount,
			List<Double> recentGapsDays) {
	}

	/** What this service decided: the cadence it holds the relationship to, and the state, since when. */
	public record Standing(Integer effectiveCadenceDays, CadenceSource cadenceSource, RelationshipState state,
			Instant stateChangedAt) {
	}

	/** A change of state, with what it was measured by: days since the last touch, and the cadence (null if none). */
	public record Transition(RelationshipState from, RelationshipState to, int daysSince, Integer cadenceDays) {

		public boolean colder() {
			return to.compareTo(from) > 0;
		}

		/** Warm again: open nudges are done. */
		public boolean rewarmed() {
			return to == RelationshipState.WARM;
		}

	}

	/**
	 * What an evaluation decided: the relationship to save (due again by its next colder threshold), the transition
	 * if the state changed, the events to publish, and whether the relationship is {@code tracked} (known, active,
	 * owned), so that its nudges and date reminders are kept in line.
	 */
	public record Evaluation(Relationship relationship, Optional<Transition> transition,
			List<RelationshipEvent> events, boolean tracked) {
	}

}
