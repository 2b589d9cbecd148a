package dev.rapport.reminders.agenda;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.events.ContactSnapshot.ImportantDate;
import dev.rapport.events.InteractionSnapshot.FollowUp;
import dev.rapport.events.RelationshipState;
import dev.rapport.events.ReminderDismissed;
import dev.rapport.events.ReminderKind;
import dev.rapport.events.ReminderSnoozed;
import dev.rapport.platform.outbox.Outbox;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.ApiException;
import dev.rapport.reminders.RemindersProperties;
import dev.rapport.reminders.interaction.Interactions;
import dev.rapport.reminders.interaction.StoredInteraction;
import dev.rapport.reminders.relationship.Relationship;
import dev.rapport.reminders.relationship.Relationship.Standing;
import dev.rapport.reminders.relationship.RelationshipService;
import dev.rapport.reminders.reminder.ImportantDates;
import dev.rapport.reminders.reminder.Reminder;
import dev.rapport.reminders.reminder.Reminder.Status;
import dev.rapport.reminders.reminder.Reminders;

/**
 * The caller's agenda and what they do with a reminder (complete, snooze, dismiss). A reminder exists only for the
 * user it is for; anyone else, in the team or not, gets 404.
 */
@Service
public class AgendaService {

	/** Questions are taken from this many of the contact's latest interactions. */
	static final int QUESTION_INTERACTIONS = 3;

	static final int CONTEXT_FOLLOW_UPS = 10;

	/** Upcoming dates shown in a nudge's context. */
	static final int CONTEXT_DATE_DAYS = 60;

	private static final int AGENDA_LIMIT = 200;

	private final Reminders reminders;

	private final RelationshipService relationships;

	private final Interactions interactions;

	private final Outbox outbox;

	private final Clock clock;

	private final RemindersProperties properties;

	private final MemberPlans plans;

	public AgendaService(Reminders reminders, RelationshipService relationships, Interactions interactions,
			Outbox outbox, Clock clock, RemindersProperties properties, MemberPlans plans) {
		this.reminders = reminders;
		this.relationships = relationships;
		this.interactions = interactions;
		this.outbox = outbox;
		this.clock = clock;
		this.properties = properties;
		this.plans = plans;
	}

	@Transactional(readOnly = true)
	public Agenda agenda(Caller caller, ZoneId zone) {
		LocalDate today = clock.instant().atZone(zone).toLocalDate();
		List<AgendaItem> overdue = new ArrayList<>();
		List<AgendaItem> dueToday = new ArrayList<>();
		List<AgendaItem> upcoming = new ArrayList<>();
		List<Reminder> open = reminders.agenda(caller.teamId(), caller.userId(),
				today.plusDays(properties.upcomingDays()), AGENDA_LIMIT);
		Map<UUID, Relationship> known = relationships.findAll(caller.teamId(),
				open.stream().map(Reminder::contactId).distinct().toList());
		for (Reminder reminder : open) {
			AgendaItem item = item(reminder, known.get(reminder.contactId()), today);
			(reminder.dueOn().isBefore(today) ? overdue : reminder.dueOn().equals(today) ? dueToday : upcoming).add(item);
		}
		Comparator<AgendaItem> ranking = Comparator.comparingInt(AgendaItem::rank)
			.reversed()
			.thenComparing(AgendaItem::dueOn)
			.thenComparing(AgendaItem::id);
		overdue.sort(ranking);
		dueToday.sort(ranking);
		upcoming.sort(ranking);
		WeeklyPlan plan = weeklyPlan(caller, zone, today,
				Stream.of(overdue, dueToday, upcoming).flatMap(List::stream).toList());
		List<AgendaItem> deferred = new ArrayList<>();
		for (List<AgendaItem> section : List.of(overdue, dueToday, upcoming)) {
			section.removeIf(item -> plan.deferred().contains(item.id()) && deferred.add(item));
		}
		deferred.sort(WeeklyPlan.BEST_FIRST);
		return new Agenda(today, zone.getId(), overdue, dueToday, upcoming,
				new Plan(plan.weeklyCapacity(), plan.reachedThisWeek(), plan.slotsLeft(), deferred.size()), deferred);
	}

	/** The caller's week: it starts on Monday in their time zone. */
	private WeeklyPlan weeklyPlan(Caller caller, ZoneId zone, LocalDate today, List<AgendaItem> items) {
		Instant weekStart = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
			.atStartOfDay(zone)
			.toInstant();
		int reached = plans.reachedSince(caller.teamId(), caller.userId(), weekStart);
		return WeeklyPlan.of(plans.capacity(caller.teamId(), caller.userId()).orElse(null), reached, items);
	}

	/** The caller's weekly capacity (null: no limit). */
	@Transactional(readOnly = true)
	public PlanSettings planSettings(Caller caller) {
		return new PlanSettings(plans.capacity(caller.teamId(), caller.userId()).orElse(null));
	}

	@Transactional
	public PlanSettings setPlanSettings(Caller caller, PlanSettings settings) {
		Integer capacity = settings == null ? null : settings.weeklyCapacity();
		if (capacity != null && (capacity < 1 || capacity > 100)) {
			throw ApiException.invalid("weeklyCapacity", "must be between 1 and 100 people a week, or null for no limit");
		}
		plans.setCapacity(caller.teamId(), caller.userId(), capacity, clock.instant());
		return new PlanSettings(capacity);
	}

	@Transactional
	public AgendaItem complete(Caller caller, UUID id) {
		Reminder reminder = ownOpen(caller, id);
		reminders.close(reminder, Status.COMPLETED, clock.instant());
		return view(caller, id);
	}

	@Transactional
	public AgendaItem dismiss(Caller caller, UUID id) {
		Reminder reminder = ownOpen(caller, id);
		Instant now = clock.instant();
		reminders.close(reminder, Status.DISMISSED, now);
		outbox.publish(ReminderDismissed.of(reminder.id(), reminder.teamId(), reminder.userId(),
				reminder.contactId(), reminder.kind(), now));
		return view(caller, id);
	}

	/** Puts a reminder off until the start of {@code until} (UTC), when it falls due again. */
	@Transactional
	public AgendaItem snooze(Caller caller, UUID id, LocalDate until, ZoneId zone) {
		Reminder reminder = ownOpen(caller, id);
		Instant now = clock.instant();
		if (until == null) {
			throw ApiException.invalid("until", "is required, as a date such as 2026-12-01");
		}
		if (!until.isAfter(now.atZone(zone).toLocalDate())) {
			throw ApiException.invalid("until", "must be a date after today");
		}
		reminders.snooze(reminder, until, until.atStartOfDay(zone).toInstant(), now);
		if (reminder.kind() == ReminderKind.KEEP_IN_TOUCH) {
			relationships.keepInTouchSnoozed(reminder.teamId(), reminder.contactId(), now);
		}
		outbox.publish(ReminderSnoozed.of(reminder.id(), reminder.teamId(), reminder.userId(),
				reminder.contactId(), reminder.kind(), until, now));
		return view(caller, id);
	}

	/**
	 * The caller's own reminder as the agenda shows it, open or closed; empty when it is someone else's or gone (its
	 * contact erased). Locks it, so that what the caller does next with it sees it unchanged.
	 */
	@Transactional
	public Optional<AgendaItem> own(Caller caller, UUID id) {
		return reminders.lock(id)
			.filter(r -> r.teamId().equals(caller.teamId()) && r.userId().equals(caller.userId()))
			.map(r -> view(caller, id));
	}

	private AgendaItem view(Caller caller, UUID id) {
		Reminder reminder = reminders.lock(id).orElseThrow();
		LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
		return item(reminder, relationships.find(caller.teamId(), reminder.contactId()).orElse(null), today);
	}

	private Reminder ownOpen(Caller caller, UUID id) {
		Reminder reminder = reminders.lock(id)
			.filter(r -> r.teamId().equals(caller.teamId()) && r.userId().equals(caller.userId()))
			.orElseThrow(() -> ApiException.notFound("Reminder", id));
		if (!reminder.open()) {
			throw ApiException.conflict("The reminder is already " + reminder.status().name().toLowerCase());
		}
		return reminder;
	}

	private AgendaItem item(Reminder reminder, Relationship relationship, LocalDate today) {
		Context context = reminder.kind() == ReminderKind.KEEP_IN_TOUCH ? context(reminder.contactId(), relationship, today)
				: null;
		Standing standing = relationship == null ? null : relationship.standing();
		RelationshipState state = standing == null ? null : standing.state();
		return new AgendaItem(reminder.id(), reminder.kind(), reminder.status(), reminder.contactId(),
				relationship == null ? null : relationship.contact().displayName(), state == null ? null : state.name(),
				reminder.title(), reminder.dueOn(),
				AgendaRanking.score(reminder, state, standing == null ? null : standing.effectiveCadenceDays(), today),
				reminder.detail(), context);
	}

	/** What to talk about: the last conversation, the questions saved for next time, open promises, dates coming up. */
	private Context context(UUID contactId, Relationship relationship, LocalDate today) {
		List<StoredInteraction> recent = interactions.recent(contactId, QUESTION_INTERACTIONS);
		LastInteraction last = recent.isEmpty() ? null
				: new LastInteraction(recent.getFirst().id(), recent.getFirst().happenedAt(), recent.getFirst().summary());
		LinkedHashSet<String> questions = new LinkedHashSet<>();
		recent.forEach(interaction -> questions.addAll(interaction.questions()));
		List<OpenFollowUp> followUps = new ArrayList<>();
		for (StoredInteraction interaction : interactions.withOpenFollowUps(contactId, CONTEXT_FOLLOW_UPS)) {
			for (FollowUp followUp : interaction.followUps()) {
				if (followUp.open() && followUps.size() < CONTEXT_FOLLOW_UPS) {
					followUps.add(new OpenFollowUp(followUp.id(), followUp.text(), followUp.dueOn(), followUp.owedBy().name()));
				}
			}
		}
		List<UpcomingDate> dates = new ArrayList<>();
		if (relationship != null) {
			for (ImportantDate date : relationship.contact().importantDates()) {
				LocalDate next = ImportantDates.nextOccurrence(date, today);
				if (!next.isAfter(today.plusDays(CONTEXT_DATE_DAYS))) {
					dates.add(new UpcomingDate(date.kind().name(), date.label(), next));
				}
			}
			dates.sort(Comparator.comparing(UpcomingDate::date));
		}
		return new Context(last, List.copyOf(questions), followUps, dates);
	}

	/**
	 * The agenda: "today" is the caller's date in {@code timeZone}; each section ranked most valuable first. With a
	 * weekly capacity, the keep-in-touch nudges beyond it are in {@code deferred} instead, best first.
	 */
	public record Agenda(LocalDate date, String timeZone, List<AgendaItem> overdue, List<AgendaItem> today,
			List<AgendaItem> upcoming, Plan plan, List<AgendaItem> deferred) {
	}

	/**
	 * This week's plan: the capacity (null: none), the people reached since Monday (keep-in-touch nudges completed),
	 * the slots left for more (null without a capacity), and how many nudges wait for a slot.
	 */
	public record Plan(Integer weeklyCapacity, int reachedThisWeek, Integer slotsLeft, int deferred) {
	}

	/** What a member sets: people a week, 1–100, or null for no limit. */
	public record PlanSettings(Integer weeklyCapacity) {
	}

	/** One reminder as the agenda shows it; {@code context} only for keep-in-touch nudges. */
	public record AgendaItem(UUID id, ReminderKind kind, Status status, UUID contactId, String contactName,
			String relationshipState, String title, LocalDate dueOn, int rank, Map<String, Object> detail,
			Context context) {
	}

	/** What a nudge carries to start a real conversation. */
	public record Context(LastInteraction lastInteraction, List<String> openQuestions, List<OpenFollowUp> openFollowUps,
			List<UpcomingDate> upcomingDates) {
	}

	public record LastInteraction(UUID interactionId, Instant happenedAt, String summary) {
	}

	public record OpenFollowUp(UUID id, String text, LocalDate dueOn, String owedBy) {
	}

	public record UpcomingDate(String kind, String label, LocalDate date) {
	}

}
