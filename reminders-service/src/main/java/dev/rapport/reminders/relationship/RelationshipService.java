package dev.rapport.reminders.relationship;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.events.ContactSnapshot;
import dev.rapport.events.RapportEvent;
import dev.rapport.events.RelationshipCooling;
import dev.rapport.events.RelationshipEvent;
import dev.rapport.events.RelationshipRewarmed;
import dev.rapport.events.RelationshipTransition;
import dev.rapport.platform.outbox.Outbox;
import dev.rapport.platform.transaction.AfterCommit;
import dev.rapport.reminders.interaction.Interactions;
import dev.rapport.reminders.relationship.Relationship.Evaluation;
import dev.rapport.reminders.relationship.Relationship.Transition;
import dev.rapport.reminders.reminder.ReminderSubject;
import dev.rapport.reminders.reminder.Reminders;
import dev.rapport.reminders.reminder.Reminders.Nudge;

/**
 * Keeps each relationship's state: loads it, lets the {@link Relationship} decide what a contact change, an
 * interaction or passing time means, then saves, publishes and keeps reminders in line with what it decided. Every
 * method runs in its caller's transaction (a consumer's or the scheduler's) and locks the relationship row,
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

	private final CadenceOffers cadenceOffers;

	public RelationshipService(RelationshipRepository relationships, Interactions interactions, Reminders reminders,
			Outbox outbox, Clock clock, MeterRegistry meters, CadenceOffers cadenceOffers) {
		this.relationships = relationships;
		this.cadenceOffers = cadenceOffers;
		this.interactions = interactions;
		this.reminders = reminders;
		this.outbox = outbox;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * The member put off keeping in touch with the contact (a keep-in-touch nudge snoozed): counted at the cadence
	 * the relationship has now, towards offering a longer one ({@link CadenceOffers}). Nothing without a cadence.
	 */
	public void keepInTouchSnoozed(UUID teamId, UUID contactId, Instant now) {
		relationships.find(teamId, contactId)
			.map(r -> r.standing().effectiveCadenceDays())
			.ifPresent(days -> {
				cadenceOffers.snoozed(contactId, days, now);
				meters.counter("rapport.reminders.keep-in-touch-snoozes").increment();
			});
	}

	/** A known contact's relationship, for the agenda; empty for placeholders and other teams' contacts. */
	public Optional<Relationship> find(UUID teamId, UUID contactId) {
		return relationships.find(teamId, contactId);
	}

	/** The known relationships of these contacts in the team, by contact id (the agenda's page, in one query). */
	public Map<UUID, Relationship> findAll(UUID teamId, Collection<UUID> contactIds) {
		Map<UUID, Relationship> found = new HashMap<>();
		relationships.findAll(teamId, contactIds).forEach(r -> found.put(r.contactId(), r));
		return found;
	}

	/** The yearly dates of the contacts the member may see (their own and the team's shared ones), for a calendar. */
	public List<ContactDates> datesVisibleTo(UUID teamId, UUID userId) {
		return relationships.datesVisibleTo(teamId, userId);
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
		if (locked.isEmpty() || !locked.get().isOlderThan(contact)) {
			return;
		}
		Relationship r = locked.get();
		if (r.contact().archived() != contact.archived()) {
			reminders.pauseAll(contactId, contact.archived());
		}
		save(r.withContact(teamId, ownerId, contact, now).evaluate(now), now);
	}

	/** ContactArchived / ContactUnarchived: an archived contact's nudges pause, and resume when it comes back. */
	public void archive(UUID contactId, boolean archived) {
		Instant now = clock.instant();
		relationships.lock(contactId).filter(r -> r.contact().known()).ifPresent(r -> {
			if (r.contact().archived() == archived) {
				return;
			}
			reminders.pauseAll(contactId, archived);
			save(r.withArchived(archived).evaluate(now), now);
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
	 * ContactMerged: the merged-away contact's history is the survivor's. Its interactions name the survivor (the
	 * local copy rewritten now; interactions-service's InteractionUpdated for each follows and agrees), its follow-up
	 * reminders move, the rest of what is held on it goes as for an erasure (later events naming it are ignored), and
	 * the survivor's relationship is recounted from both histories: last touch, gaps, learned cadence and state.
	 */
	public void merge(UUID contactId, UUID survivorId, UUID teamId) {
		Instant now = clock.instant();
		new TreeSet<>(List.of(contactId, survivorId)).forEach(relationships::lock);
		interactions.mergeParticipant(contactId, survivorId);
		reminders.mergeInto(contactId, survivorId);
		relationships.delete(contactId);
		relationships.markErased(contactId, now);
		interactionsChanged(survivorId, teamId, null);
		log.info("Relationship with contact {} merged into {} (team {})", contactId, survivorId, teamId);
	}

	/**
	 * ContactHandedOff: the relationship is the new owner's (its cooling nudges are theirs from now on), and so are the
	 * open keep-in-touch and date reminders about the contact. Its history (interactions, gaps, state) stays as it
	 * is. Applying it twice changes nothing more.
	 */
	public void handOver(UUID contactId, UUID teamId, UUID fromMemberId, UUID toMemberId) {
		if (relationships.erased(contactId)) {
			return;
		}
		Instant now = clock.instant();
		// The update locks the row as lock() would (the scheduler's claim and the other events take turns with it),
		// without reading the relationship whole: a handoff of a member's every contact is thousands of these.
		boolean owned = relationships.handOver(teamId, contactId, toMemberId, now);
		int moved = reminders.handOver(contactId, fromMemberId, toMemberId, now);
		meters.counter("rapport.reminders.handed-over").increment(moved);
		log.debug("Relationship with contact {} handed from {} to {} (team {}): {}, {} reminders moved", contactId,
				fromMemberId, toMemberId, teamId, owned ? "owner changed" : "no relationship here", moved);
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
		List<Instant> times = interactions.happenedAt(contactId, CadenceRule.MAX_GAPS + 1);
		save(locked.get().recount(times, interactions.count(contactId), interactionId, now), now);
		return true;
	}

	/** Scheduler: a claimed relationship whose next evaluation time has come. */
	public void evaluateDue(Relationship r) {
		Instant now = clock.instant();
		save(r.evaluate(now), now);
	}

	/**
	 * Scheduler: a claimed batch whose next evaluation time has come, each decided on its own ({@link
	 * Relationship#evaluate}) and what they decided carried out together, in a few set-based statements for the
	 * batch instead of several per row: one batch of outbox inserts, one query and one batch insert for the nudges,
	 * one delete for the date reminders of contacts without dates, one batch of updates. Contacts with important dates
	 * and relationships warming again take the row-by-row path of {@link #save}.
	 */
	public void evaluateAllDue(List<Relationship> batch) {
		Instant now = clock.instant();
		List<RapportEvent> events = new ArrayList<>();
		List<Nudge> nudges = new ArrayList<>();
		List<UUID> withoutDates = new ArrayList<>();
		List<Relationship> saved = new ArrayList<>();
		for (Relationship due : batch) {
			Evaluation evaluation = due.evaluate(now);
			Relationship r = evaluation.relationship();
			boolean rewarmed = evaluation.transition().filter(Transition::rewarmed).isPresent();
			if (rewarmed || (evaluation.tracked() && !r.contact().importantDates().isEmpty())) {
				save(evaluation, now);
				continue;
			}
			events.addAll(published(evaluation.events()));
			evaluation.transition().filter(Transition::colder).ifPresent(transition -> nudges.add(new Nudge(subject(r),
					r.anchor(), transition.to(), transition.cadenceDays(), transition.daysSince())));
			if (evaluation.tracked()) {
				withoutDates.add(r.contactId());
			}
			saved.add(r);
		}
		outbox.publishAll(events);
		reminders.nudgeAll(nudges, now);
		reminders.dropDates(withoutDates);
		relationships.saveAll(saved);
	}

	/**
	 * Carries out what the relationship decided: publishes its events (and beside each cooling or rewarming its
	 * analytics {@link RelationshipTransition}), opens a nudge when it got colder or closes the open ones when it is
	 * warm again, keeps date reminders in line (and looks again when the nearest is due), saves.
	 */
	private void save(Evaluation evaluation, Instant now) {
		Relationship r = evaluation.relationship();
		published(evaluation.events()).forEach(outbox::publish);
		evaluation.transition().ifPresent(transition -> {
			if (transition.colder()) {
				reminders.nudge(subject(r), r.anchor(), transition.to(), transition.cadenceDays(), transition.daysSince(),
						now);
			}
			else if (transition.rewarmed()) {
				reminders.closeNudges(r.contactId(), now);
			}
			log.debug("Relationship with {} went {} -> {}", r.contactId(), transition.from(), transition.to());
		});
		if (!evaluation.tracked()) {
			relationships.save(r);
			return;
		}
		Instant dateCheck = reminders.reconcileDates(subject(r), now.atZone(ZoneOffset.UTC).toLocalDate(), now);
		relationships.save(r.lookAgainBy(dateCheck));
	}

	/** The events to publish for what was decided: each, and beside each cooling or rewarming its transition. */
	private List<RapportEvent> published(List<RelationshipEvent> decided) {
		List<RapportEvent> events = new ArrayList<>();
		for (RelationshipEvent event : decided) {
			events.add(event);
			switch (event) {
				case RelationshipCooling cooling -> {
					events.add(RelationshipTransition.of(cooling));
					AfterCommit.run(() -> meters.counter("rapport.relationships.cooling", "state", cooling.state().name())
						.increment());
				}
				case RelationshipRewarmed rewarmed -> {
					events.add(RelationshipTransition.of(rewarmed));
					AfterCommit.run(() -> meters.counter("rapport.relationships.rewarmed").increment());
				}
				default -> {
					// Only cooling and rewarming are transitions, and counted as business figures.
				}
			}
		}
		return events;
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
		Relationship.Contact contact = r.contact();
		return new ReminderSubject(r.contactId(), r.teamId(), contact.ownerId(), contact.displayName(),
				contact.archived(), contact.importantDates());
	}

}
