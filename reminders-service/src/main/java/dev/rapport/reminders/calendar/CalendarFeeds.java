package dev.rapport.reminders.calendar;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.defaults.FeedSecrets;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.ApiException;
import dev.rapport.platform.web.Problems;
import dev.rapport.reminders.calendar.CalendarFeedRepository.CalendarFeed;
import dev.rapport.reminders.relationship.ContactDates;
import dev.rapport.reminders.relationship.RelationshipService;
import dev.rapport.reminders.reminder.Reminder;
import dev.rapport.reminders.reminder.Reminders;

/**
 * Members' calendar feeds: each member has at most one secret feed URL, which they create, replace (the old URL stops
 * working at once) and revoke; the feed itself holds what that member sees in Rapport and nothing else: the dates of
 * their own contacts and of the team's shared ones, and their own open follow-ups.
 */
@Service
public class CalendarFeeds {

	private static final Logger log = LoggerFactory.getLogger(CalendarFeeds.class);

	/** Where a feed is served; the secret goes between the two. */
	static final String PATH_PREFIX = FeedSecrets.PATH_PREFIX;

	static final String PATH_SUFFIX = ".ics";

	/** A member with more open follow-ups than this sees the earliest this many. */
	static final int FOLLOW_UP_LIMIT = 1000;

	private final CalendarFeedRepository feeds;

	private final RelationshipService relationships;

	private final Reminders reminders;

	private final Clock clock;

	private final MeterRegistry meters;

	public CalendarFeeds(CalendarFeedRepository feeds, RelationshipService relationships, Reminders reminders,
			Clock clock, MeterRegistry meters) {
		this.feeds = feeds;
		this.relationships = relationships;
		this.reminders = reminders;
		this.clock = clock;
		this.meters = meters;
	}

	/** A new secret URL for the caller's feed, replacing any they had. */
	@Transactional
	public CreatedFeed create(Caller caller) {
		Instant now = now();
		String secret = FeedSecret.generate();
		boolean replaced = feeds.find(caller.teamId(), caller.userId()).isPresent();
		feeds.replace(caller.teamId(), caller.userId(), FeedSecret.sha256(secret), now);
		meters.counter("rapport.calendar.feeds.created", "rotated", Boolean.toString(replaced)).increment();
		log.info("Calendar feed {} for member {} of team {}", replaced ? "rotated" : "created", caller.userId(),
				caller.teamId());
		return new CreatedFeed(PATH_PREFIX + secret + PATH_SUFFIX, now);
	}

	@Transactional(readOnly = true)
	public FeedStatus status(Caller caller) {
		return feeds.find(caller.teamId(), caller.userId())
			.map(feed -> new FeedStatus(feed.createdAt(), feed.lastFetchedAt()))
			.orElseThrow(() -> ApiException.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found",
					"You have no calendar feed; create one with POST /api/reminders/calendar-feed"));
	}

	/** Revokes the caller's feed; nothing to revoke is no error. */
	@Transactional
	public void revoke(Caller caller) {
		if (feeds.delete(caller.teamId(), caller.userId())) {
			meters.counter("rapport.calendar.feeds.revoked").increment();
			log.info("Calendar feed revoked for member {} of team {}", caller.userId(), caller.teamId());
		}
	}

	/** The feed whose secret this is, as iCalendar text; empty for a secret that is not (or no longer) a feed's. */
	@Transactional
	public Optional<String> render(String secret) {
		Optional<CalendarFeed> feed = FeedSecret.wellFormed(secret) ? feeds.findBySecret(FeedSecret.sha256(secret))
				: Optional.empty();
		meters.counter("rapport.calendar.feed.fetches", "outcome", feed.isPresent() ? "served" : "unknown").increment();
		return feed.map(found -> {
			Instant now = now();
			feeds.recordFetch(found.teamId(), found.userId(), now);
			List<ContactDates> dates = relationships.datesVisibleTo(found.teamId(), found.userId());
			List<Reminder> followUps = reminders.openFollowUps(found.teamId(), found.userId(), FOLLOW_UP_LIMIT);
			return CalendarDocument.render(dates, followUps, now);
		});
	}

	/** To the microsecond, as PostgreSQL keeps it: what POST answers is what GET reads back. */
	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/** A feed just made: its URL (relative, on the address the caller reached Rapport at) and when it was made. */
	public record CreatedFeed(String url, Instant createdAt) {
	}

	/** A member's feed, without its URL (only its creator ever saw the secret). */
	public record FeedStatus(Instant createdAt, Instant lastFetchedAt) {
	}

}
