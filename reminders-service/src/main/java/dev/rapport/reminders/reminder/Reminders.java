package dev.rapport.reminders.reminder;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.events.ContactSnapshot.ImportantDate;
import dev.rapport.events.InteractionSnapshot.FollowUp;
import dev.rapport.events.RelationshipState;
import dev.rapport.events.ReminderCompleted;
import dev.rapport.events.ReminderDue;
import dev.rapport.events.ReminderKind;
import dev.rapport.platform.outbox.Outbox;
import dev.rapport.platform.transaction.AfterCommit;
import dev.rapport.reminders.ClaimedRow;
import dev.rapport.reminders.RemindersProperties;
import dev.rapport.reminders.interaction.StoredInteraction;
import dev.rapport.reminders.reminder.Reminder.Status;

/**
 * Creates, fires and closes reminders as relationships, dates and follow-ups change. Runs inside the caller's
 * transaction (a consumer's or the scheduler's), so a reminder and its event commit together.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class Reminders {

	static final String KEEP_IN_TOUCH = "keep-in-touch:";

	static final String FOLLOW_UP = "follow-up:";

	static final String DATE = "date:";

	/**
	 * Nothing nags twice in a week: a keep-in-touch nudge dismissed less than this long ago holds back the next one
	 * about the same contact (the relationship got colder meanwhile) until this long after the dismissal.
	 */
	static final Duration QUIET_AFTER_DISMISSAL = Duration.ofDays(7);

	private final ReminderRepository reminders;

	private final Outbox outbox;

	private final RemindersProperties properties;

	private final MeterRegistry meters;

	public Reminders(ReminderRepository reminders, Outbox outbox, RemindersProperties properties, MeterRegistry meters) {
		this.reminders = reminders;
		this.outbox = outbox;
		this.properties = properties;
		this.meters = meters;
	}

	/**
	 * A keep-in-touch nudge for the owner when the relationship got colder, unless one is still open. One per cooling
	 * episode and state: a nudge dismissed while DUE comes back once the relationship is COOLING, but not within
	 * {@link #QUIET_AFTER_DISMISSAL} of the dismissal: until then it waits, PENDING, and fires then.
	 */
	public void nudge(ReminderSubject r, Instant anchor, RelationshipState state, int cadenceDays, int daysSince,
			Instant now) {
		if (!reminders.lockOpen(r.contactId(), ReminderKind.KEEP_IN_TOUCH).isEmpty()) {
			return;
		}
		Reminder nudge = nudgeFor(new Nudge(r, anchor, state, cadenceDays, daysSince), now);
		Instant dismissed = reminders.nudgesDismissedSince(List.of(r.contactId()), now.minus(QUIET_AFTER_DISMISSAL))
			.get(r.contactId());
		reminders.insertIfAbsent(dismissed == null ? nudge : heldBack(nudge, dismissed, now));
	}

	/**
	 * {@link #nudge} for a batch of relationships that got colder, in a query and a batch of inserts. A nudge is due
	 * at once, so the scheduler's nudges are inserted fired (DUE, with their ReminderDue) rather than inserted PENDING
	 * and then claimed, updated and fired a moment later by the same run: the same result, and a row written once.
	 */
	public void nudgeAll(List<Nudge> nudges, Instant now) {
		if (nudges.isEmpty()) {
			return;
		}
		List<UUID> contactIds = nudges.stream().map(n -> n.subject().contactId()).toList();
		Set<UUID> open = reminders.lockContactsWithOpen(contactIds, ReminderKind.KEEP_IN_TOUCH);
		Map<UUID, Instant> dismissed = reminders.nudgesDismissedSince(contactIds, now.minus(QUIET_AFTER_DISMISSAL));
		List<Reminder> toFire = new ArrayList<>();
		List<Reminder> heldBack = new ArrayList<>();
		for (Nudge nudge : nudges) {
			UUID contactId = nudge.subject().contactId();
			if (open.contains(contactId)) {
				continue;
			}
			Reminder pending = nudgeFor(nudge, now);
			if (dismissed.containsKey(contactId)) {
				heldBack.add(heldBack(pending, dismissed.get(contactId), now));
			}
			else {
				toFire.add(with(pending, Status.DUE, pending.dueOn(), pending.dueAt(), now, null, now));
			}
		}
		List<Reminder> fired = reminders.insertAllIfAbsent(toFire);
		reminders.insertAllIfAbsent(heldBack);
		outbox.publishAll(fired.stream().map(reminder -> due(reminder, now)).toList());
	}

	/** {@code nudge} waiting, PENDING, until {@link #QUIET_AFTER_DISMISSAL} after the last dismissal: due then. */
	private static Reminder heldBack(Reminder nudge, Instant dismissedAt, Instant now) {
		Instant until = dismissedAt.plus(QUIET_AFTER_DISMISSAL);
		return with(nudge, Status.PENDING, until.atZone(ZoneOffset.UTC).toLocalDate(), until, null, null, now);
	}

	private static Reminder nudgeFor(Nudge nudge, Instant now) {
		ReminderSubject r = nudge.subject();
		LocalDate dueOn = nudge.anchor().plus(Duration.ofDays(nudge.cadenceDays())).atZone(ZoneOffset.UTC)
			.toLocalDate();
		String title = switch (nudge.state()) {
			case DUE -> "Time to catch up with %s";
			case COOLING -> "Your relationship with %s is cooling";
			default -> "You have not been in touch with %s for a long time";
		};
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("state", nudge.state().name());
		detail.put("cadenceDays", nudge.cadenceDays());
		detail.put("daysSinceLastTouch", nudge.daysSince());
		return new Reminder(UUID.randomUUID(), r.teamId(), r.ownerId(), r.contactId(), ReminderKind.KEEP_IN_TOUCH,
				KEEP_IN_TOUCH + nudge.anchor() + ":" + nudge.state(), Status.PENDING, false, dueOn, now,
				title.formatted(r.displayName()), detail, null, null, now, now);
	}

	/** A keep-in-touch nudge to open: the relationship got colder, into {@code state}. */
	public record Nudge(ReminderSubject subject, Instant anchor, RelationshipState state, int cadenceDays,
			int daysSince) {
	}

	/**
	 * {@link #reconcileDates} for a batch of contacts that have no important dates: their unfired date reminders go,
	 * in one statement.
	 */
	public void dropDates(Collection<UUID> contactIds) {
		reminders.deletePendingDates(contactIds);
	}

	/** The relationship is warm again: its open nudges are done. */
	public void closeNudges(UUID contactId, Instant now) {
		for (Reminder nudge : reminders.lockOpen(contactId, ReminderKind.KEEP_IN_TOUCH)) {
			close(nudge, Status.COMPLETED, now);
		}
	}

	/**
	 * Makes sure each important date has a reminder for its next occurrence (on or after {@code today}), and drops
	 * unfired ones for dates the contact no longer has. Returns when to look again: the day after the nearest
	 * occurrence, when the following year's reminder is due to be made; null without dates.
	 */
	public Instant reconcileDates(ReminderSubject r, LocalDate today, Instant now) {
		Set<String> wanted = new HashSet<>();
		LocalDate nearest = null;
		for (ImportantDate date : r.importantDates()) {
			LocalDate occurrence = ImportantDates.nextOccurrence(date, today);
			String source = DATE + date.kind() + ":" + date.month() + "-" + date.day() + ":"
					+ (date.label() == null ? "" : date.label()) + ":" + occurrence;
			wanted.add(source);
			nearest = nearest == null || occurrence.isBefore(nearest) ? occurrence : nearest;
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("dateKind", date.kind().name());
			if (date.label() != null) {
				detail.put("label", date.label());
			}
			Integer years = ImportantDates.yearsAt(date, occurrence);
			if (years != null) {
				detail.put("years", years);
			}
			Instant firesAt = occurrence.minusDays(properties.importantDateLeadDays()).atStartOfDay(ZoneOffset.UTC).toInstant();
			reminders.insertIfAbsent(new Reminder(UUID.randomUUID(), r.teamId(), r.ownerId(), r.contactId(),
					ReminderKind.IMPORTANT_DATE, source, Status.PENDING, r.archived(), occurrence, firesAt,
					dateTitle(r.displayName(), date, years), detail, null, null, now, now));
		}
		for (String source : reminders.pendingDateSources(r.contactId())) {
			if (!wanted.contains(source)) {
				reminders.deleteBySource(r.contactId(), source);
			}
		}
		return nearest == null ? null : nearest.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	private static String dateTitle(String name, ImportantDate date, Integer years) {
		return switch (date.kind()) {
			case BIRTHDAY -> years == null ? name + "'s birthday" : name + " turns " + years;
			case ANNIVERSARY -> years == null ? name + "'s anniversary" : name + "'s anniversary (" + years + " years)";
			case CUSTOM -> (date.label() == null ? "An important date" : date.label()) + " for " + name;
		};
	}

	/**
	 * Follow-up reminders for an interaction's follow-ups that have a due date, for its author, about its first
	 * participant: created when new, moved when the date changes, closed when done, reopened when reopened, and
	 * removed when the follow-up is gone.
	 */
	public void syncFollowUps(StoredInteraction interaction, UUID contactId, String contactName, Instant now) {
		Map<String, Reminder> existing = new LinkedHashMap<>();
		for (Reminder reminder : reminders.lockFollowUps(interaction.id())) {
			existing.put(reminder.sourceKey(), reminder);
		}
		List<String> kept = new ArrayList<>();
		for (FollowUp followUp : interaction.followUps()) {
			if (followUp.dueOn() == null) {
				continue;
			}
			String source = FOLLOW_UP + followUp.id();
			kept.add(source);
			Instant dueAt = followUp.dueOn().atStartOfDay(zone(interaction.timeZone())).toInstant();
			String title = followUp.owedBy() == FollowUp.Owner.ME ? "You promised " + contactName + ": " + followUp.text()
					: contactName + " promised: " + followUp.text() + " (check in)";
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("interactionId", interaction.id().toString());
			detail.put("followUpId", followUp.id().toString());
			detail.put("text", followUp.text());
			detail.put("owedBy", followUp.owedBy().name());
			Reminder current = existing.get(source);
			if (current == null) {
				if (followUp.open()) {
					reminders.insertIfAbsent(new Reminder(UUID.randomUUID(), interaction.teamId(), interaction.authorId(),
							contactId, ReminderKind.FOLLOW_UP, source, Status.PENDING, false, followUp.dueOn(), dueAt, title,
							detail, null, null, now, now));
				}
				continue;
			}
			if (!followUp.open()) {
				if (current.open()) {
					close(current, Status.COMPLETED, now);
				}
			}
			else if (current.status() == Status.COMPLETED || !current.dueOn().equals(followUp.dueOn())
					|| !current.title().equals(title)) {
				boolean moved = !current.dueOn().equals(followUp.dueOn()) || !current.open();
				reminders.save(new Reminder(current.id(), current.teamId(), current.userId(), current.contactId(),
						current.kind(), source, moved ? Status.PENDING : current.status(), current.paused(),
						followUp.dueOn(), dueAt, title, detail, moved ? null : current.firedAt(), null, current.createdAt(),
						now));
			}
		}
		existing.forEach((source, reminder) -> {
			if (!kept.contains(source)) {
				reminders.deleteBySource(reminder.contactId(), source);
			}
		});
	}

	/** An interaction was deleted (an erasure signal): its follow-up reminders go with it. */
	public void dropFollowUps(UUID interactionId) {
		for (Reminder reminder : reminders.lockFollowUps(interactionId)) {
			reminders.deleteBySource(reminder.contactId(), reminder.sourceKey());
		}
	}

	/** Archiving pauses every reminder about the contact; unarchiving resumes them. */
	public void pauseAll(UUID contactId, boolean paused) {
		reminders.pauseAll(contactId, paused);
	}

	/**
	 * A merge: the merged-away contact's follow-up reminders (promises, which stay owed) are the survivor's now, status,
	 * snooze and all; its other reminders go (the survivor's own cadence and dates decide those from now on).
	 */
	public void mergeInto(UUID contactId, UUID survivorId) {
		reminders.moveFollowUps(contactId, survivorId);
		reminders.deleteAll(contactId);
	}

	/**
	 * A handoff: the open keep-in-touch and date reminders about the contact follow it to its new owner. Follow-ups
	 * stay with whoever promised them (their author), as the conversations do.
	 */
	public int handOver(UUID contactId, UUID from, UUID to, Instant now) {
		return reminders.handOver(contactId, from, to, now);
	}

	/** Erasure: every reminder about the contact goes. */
	public void deleteAll(UUID contactId) {
		reminders.deleteAll(contactId);
	}

	/**
	 * Claims up to {@code limit} reminders whose time has come ({@code FOR UPDATE SKIP LOCKED}: another instance's
	 * claim is left to it; {@code setAside} ones wait), each read on its own; the scheduler {@linkplain #fire fires} them.
	 */
	public List<ClaimedRow<Reminder>> claimDue(Instant now, int limit, Collection<UUID> setAside) {
		return reminders.claimDue(now, limit, setAside);
	}

	/** Those of {@code ids} still due and not held elsewhere, claimed again (a failed batch is redone row by row). */
	public List<ClaimedRow<Reminder>> reclaimDue(Collection<UUID> ids, Instant now) {
		return reminders.reclaimDue(ids, now);
	}

	/** The reminder's time has come: DUE, and ReminderDue for whoever listens. */
	public void fire(Reminder reminder, Instant now) {
		reminders.save(with(reminder, Status.DUE, reminder.dueOn(), reminder.dueAt(), now, null, now));
		outbox.publish(due(reminder, now));
	}

	/** {@link #fire} for a claimed batch: one update and one batch of outbox inserts. */
	public void fireAll(List<Reminder> batch, Instant now) {
		reminders.markFired(batch.stream().map(Reminder::id).toList(), now);
		outbox.publishAll(batch.stream().map(reminder -> due(reminder, now)).toList());
	}

	private ReminderDue due(Reminder reminder, Instant now) {
		AfterCommit.run(() -> meters.counter("rapport.reminders.due", "kind", reminder.kind().name()).increment());
		return ReminderDue.of(reminder.id(), reminder.teamId(), reminder.userId(), reminder.contactId(),
				reminder.kind(), reminder.dueOn(), now);
	}

	/** Closes an open reminder; completion publishes ReminderCompleted (a dismissal's event is the caller's). */
	public void close(Reminder reminder, Status status, Instant now) {
		reminders.save(with(reminder, status, reminder.dueOn(), reminder.dueAt(), reminder.firedAt(), now, now));
		meters.counter("rapport.reminders.closed", "kind", reminder.kind().name(), "status", status.name()).increment();
		if (status == Status.COMPLETED) {
			outbox.publish(ReminderCompleted.of(reminder.id(), reminder.teamId(), reminder.userId(),
					reminder.contactId(), reminder.kind(), now));
		}
	}

	/** Puts an open reminder off until {@code dueAt}, when it falls due again. */
	public void snooze(Reminder reminder, LocalDate until, Instant dueAt, Instant now) {
		reminders.save(with(reminder, Status.PENDING, until, dueAt, reminder.firedAt(), null, now));
	}

	/** The user's open, unpaused follow-ups (whatever their date), earliest first, for a calendar. */
	public List<Reminder> openFollowUps(UUID teamId, UUID userId, int limit) {
		return reminders.openFollowUps(teamId, userId, limit);
	}

	/** The user's open reminders due by {@code until}, for the agenda. */
	public List<Reminder> agenda(UUID teamId, UUID userId, LocalDate until, int limit) {
		return reminders.agenda(teamId, userId, until, limit);
	}

	/** The reminder, locked until the transaction ends. */
	public Optional<Reminder> lock(UUID id) {
		return reminders.lock(id);
	}

	static Reminder with(Reminder r, Status status, LocalDate dueOn, Instant dueAt, Instant firedAt, Instant closedAt,
			Instant now) {
		return new Reminder(r.id(), r.teamId(), r.userId(), r.contactId(), r.kind(), r.sourceKey(), status, r.paused(),
				dueOn, dueAt, r.title(), r.detail(), firedAt, closedAt, r.createdAt(), now);
	}

	static ZoneId zone(String id) {
		try {
			return ZoneId.of(id);
		}
		catch (RuntimeException ex) {
			return ZoneOffset.UTC;
		}
	}

}
