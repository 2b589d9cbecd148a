package dev.rapport.reminders.relationship;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.events.ContactSnapshot;
import dev.rapport.events.RelationshipCooling;
import dev.rapport.events.RelationshipRewarmed;
import dev.rapport.events.RelationshipState;
import dev.rapport.platform.outbox.Outbox;
import dev.rapport.reminders.interaction.Interactions;
import dev.rapport.reminders.relationship.CadenceRule.Cadence;
import dev.rapport.reminders.reminder.ReminderSubject;
import dev.rapport.reminders.reminder.Reminders;

/**
 * Keeps each relationship's state: applies contact changes and interactions, and re-evaluates when time passes.
 * Every method runs in its caller's transaction (a consumer's or the scheduler's) and locks the relationship row,
 * so a contact's events and the scheduler take turns; a state change and its event commit together.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class RelationshipService {

	private static final Logger log = LoggerFactory.getLogger(RelationshipService.class);

	private final RelationshipRepository relationships;

	private final Interactions interactions;

	private final Reminders reminders;

	private final Outbox outbox;

	private final Clock clock;

	private final MeterRegistry meters;

	public RelationshipService(RelationshipRepository relationships, Interactions interactions, Reminders reminders,
			Outbox outbox, Clock clock, MeterRegistry meters) {
		this.relationships = relationships;
		this.interactions = interactions;
		this.reminders = reminders;
		this.outbox = outbox;
		this.clock = clock;
		this.meters = meters;
	}

	/** A known contact's relationship, for the agenda; empty for placeholders and other teams' contacts. */
	public Optional<Relationship> find(UUID teamId, UUID contactId) {
		return relationships.find(teamId, contactId);
	}

	/** Whether the contact was erased: events naming it since change nothing. */
	public boolean erased(UUID contactId) {
		return relationships.erased(contactId);
	}

	/** ContactCreated / ContactUpdated: the contact's latest state (an older snapshot than the stored one is ignored). */
	public void applyContact(UUID contactId, UUID teamId, UUID ownerId, ContactSnapshot contact) {
		if (relationships.erased(contactId)) {
			return;
		}
		Instant now = clock.instant();
		Optional<Relationship> locked = lockOrCreate(contactId, teamId, now);
		if (locked.isEmpty()) {
			return;
		}
		Relationship r = locked.get();
		if (r.known() && contact.version() <= r.contactVersion()) {
			return;
		}
		boolean pausedBefore = r.archived();
		Relationship updated = new Relationship(contactId, teamId, ownerId, true, contact.displayName(),
				contact.visibility(), contact.archived(), contact.version(), contact.createdAt(),
				contact.cadence() == null || contact.cadence().tier() == null ? null : contact.cadence().tier().name(),
				contact.cadence() == null ? null : contact.cadence().days(), contact.importantDates(),
				r.lastInteractionAt(), r.lastInteractionId(), r.interactionCount(), r.recentGapsDays(),
				r.effectiveCadenceDays(), r.cadenceSource(), r.state(), r.stateChangedAt(), r.nextEvaluationAt(), now);
		if (pausedBefore != contact.archived()) {
			reminders.pauseAll(contactId, contact.archived());
		}
		evaluate(updated, now, null, false);
	}

	/** ContactArchived / ContactUnarchived: an archived contact's nudges pause, and resume when it comes back. */
	public void archive(UUID contactId, boolean archived) {
		Instant now = clock.instant();
		relationships.lock(contactId).filter(Relationship::known).ifPresent(r -> {
			if (r.archived() == archived) {
				return;
			}
			reminders.pauseAll(contactId, archived);
			evaluate(withArchived(r, archived), now, null, false);
		});
	}

	/** ContactDeleted: everything this service holds about the contact goes, and later interactions naming it are ignored. */
	public void erase(UUID contactId) {
		Instant now = clock.instant();
		relationships.lock(contactId);
		reminders.deleteAll(contactId);
		interactions.eraseParticipant(contactId);
		relationships.delete(contactId);
		relationships.markErased(contactId, now);
	}

	/**
	 * An interaction with the contact was logged, changed or deleted: recount its history from the local copy (so
	 * arrival order does not matter and last touch never moves back because an older interaction arrived late) and
	 * re-evaluate. Returns false when the contact was erased or belongs to another team.
	 */
	public boolean interactionsChanged(UUID contactId, UUID teamId, UUID interactionId) {
		if (relationships.erased(contactId)) {
			return false;
		}
		Instant now = clock.instant();
		Optional<Relationship> locked = lockOrCreate(contactId, teamId, now);
		if (locked.isEmpty()) {
			return false;
		}
		Relationship r = locked.get();
		List<Instant> times = interactions.happenedAt(contactId, CadenceRule.MAX_GAPS + 1);
		Instant last = times.isEmpty() ? null : times.getFirst();
		boolean touched = last != null && (r.lastInteractionAt() == null || last.isAfter(r.lastInteractionAt()));
		UUID lastId = touched ? interactionId : (last == null ? null : r.lastInteractionId());
		Relationship recounted = new Relationship(contactId, r.teamId(), r.ownerId(), r.known(), r.displayName(),
				r.visibility(), r.archived(), r.contactVersion(), r.contactCreatedAt(), r.cadenceTier(), r.cadenceDays(),
				r.importantDates(), last, lastId, interactions.count(contactId), CadenceRule.gapsDays(times),
				r.effectiveCadenceDays(), r.cadenceSource(), r.state(), r.stateChangedAt(), r.nextEvaluationAt(), now);
		evaluate(recounted, now, touched ? interactionId : null, touched);
		return true;
	}

	/** Scheduler: a claimed relationship whose next evaluation time has come. */
	public void evaluateDue(Relationship r) {
		Instant now = clock.instant();
		evaluate(r, now, null, false);
	}

	/**
	 * Computes cadence and state, publishes a state change once, keeps nudges and date reminders in line, and sets
	 * when to look again. {@code clockReset}: a newer interaction arrived, so the state is taken plainly, without
	 * hysteresis.
	 */
	private void evaluate(Relationship r, Instant now, UUID interactionId, boolean clockReset) {
		Cadence cadence = CadenceRule.effective(r.cadenceDays(), r.interactionCount(), r.recentGapsDays());
		if (!r.known() || r.archived() || r.ownerId() == null) {
			relationships.save(with(r, cadence, r.state(), r.stateChangedAt(), null, now));
			return;
		}
		RelationshipState state = RelationshipState.WARM;
		Instant nextColderAt = null;
		double days = CoolingThresholds.daysBetween(r.anchor(), now);
		int wholeDays = (int) Math.max(0, Math.floor(days));
		if (!cadence.none()) {
			CoolingThresholds thresholds = new CoolingThresholds(cadence.days());
			state = clockReset ? thresholds.plain(days) : thresholds.next(r.state(), days);
			nextColderAt = thresholds.nextColderAt(r.anchor(), state);
		}
		Instant stateChangedAt = r.stateChangedAt();
		if (state != r.state()) {
			stateChangedAt = now;
			if (state.compareTo(r.state()) > 0) {
				outbox.publish(RelationshipCooling.of(r.contactId(), r.teamId(), r.ownerId(),
						r.state(), state, wholeDays, cadence.days(), r.lastInteractionAt(), now));
				meters.counter("rapport.relationships.cooling", "state", state.name()).increment();
				reminders.nudge(subject(r), r.anchor(), state, cadence.days(), wholeDays, now);
			}
			else if (state == RelationshipState.WARM) {
				if (r.lastInteractionAt() != null) {
					outbox.publish(RelationshipRewarmed.of(r.contactId(), r.teamId(), r.ownerId(),
							r.state(), r.lastInteractionAt(), interactionId, now));
					meters.counter("rapport.relationships.rewarmed").increment();
				}
				reminders.closeNudges(r.contactId(), now);
			}
			log.debug("Relationship with {} went {} -> {}", r.contactId(), r.state(), state);
		}
		Instant dateCheck = reminders.reconcileDates(subject(r), now.atZone(ZoneOffset.UTC).toLocalDate(), now);
		Instant next = earliest(nextColderAt, dateCheck);
		relationships.save(with(r, cadence, state, stateChangedAt, next, now));
	}

	private Optional<Relationship> lockOrCreate(UUID contactId, UUID teamId, Instant now) {
		relationships.ensure(contactId, teamId, now);
		Optional<Relationship> r = relationships.lock(contactId);
		if (r.isPresent() && !r.get().teamId().equals(teamId)) {
			log.warn("Ignoring an event naming contact {} of another team", contactId);
			return Optional.empty();
		}
		return r;
	}

	private static ReminderSubject subject(Relationship r) {
		return new ReminderSubject(r.contactId(), r.teamId(), r.ownerId(), r.displayName(), r.archived(),
				r.importantDates());
	}

	private static Relationship with(Relationship r, Cadence cadence, RelationshipState state, Instant stateChangedAt,
			Instant next, Instant now) {
		return new Relationship(r.contactId(), r.teamId(), r.ownerId(), r.known(), r.displayName(), r.visibility(),
				r.archived(), r.contactVersion(), r.contactCreatedAt(), r.cadenceTier(), r.cadenceDays(),
				r.importantDates(), r.lastInteractionAt(), r.lastInteractionId(), r.interactionCount(), r.recentGapsDays(),
				cadence.days(), cadence.source(), state, stateChangedAt, next, now);
	}

	private static Relationship withArchived(Relationship r, boolean archived) {
		return new Relationship(r.contactId(), r.teamId(), r.ownerId(), r.known(), r.displayName(), r.visibility(),
				archived, r.contactVersion(), r.contactCreatedAt(), r.cadenceTier(), r.cadenceDays(), r.importantDates(),
				r.lastInteractionAt(), r.lastInteractionId(), r.interactionCount(), r.recentGapsDays(),
				r.effectiveCadenceDays(), r.cadenceSource(), r.state(), r.stateChangedAt(), r.nextEvaluationAt(),
				r.updatedAt());
	}

	private static Instant earliest(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return b == null || a.isBefore(b) ? a : b;
	}

}
