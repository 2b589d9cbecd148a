package dev.rapport.reminders.digest;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.platform.security.Caller;
import dev.rapport.platform.transaction.AfterCommit;
import dev.rapport.platform.web.ApiException;
import dev.rapport.platform.web.Problems.FieldProblem;
import dev.rapport.reminders.digest.DigestDeliveries.Delivery;
import dev.rapport.reminders.digest.DigestSchedule.Frequency;
import dev.rapport.reminders.digest.DigestSchedule.Slot;
import dev.rapport.reminders.member.MemberDirectory;
import dev.rapport.reminders.member.MemberDirectory.MemberRemoved;

/** A member's digest settings, their recent deliveries, a test mail on demand, and unsubscribing. */
@Service
public class DigestService {

	static final int RECENT_DELIVERIES = 10;

	private final DigestSettings settings;

	private final DigestDeliveries deliveries;

	private final MemberDirectory directory;

	private final DigestSender sender;

	private final DigestMailer mailer;

	private final Clock clock;

	DigestService(DigestSettings settings, DigestDeliveries deliveries, MemberDirectory directory, DigestSender sender,
			DigestMailer mailer, Clock clock) {
		this.settings = settings;
		this.deliveries = deliveries;
		this.directory = directory;
		this.sender = sender;
		this.mailer = mailer;
		this.clock = clock;
	}

	/** What the settings page shows; a member who never saved settings sees the defaults in {@code zone}. */
	@Transactional(readOnly = true)
	public View view(Caller caller, ZoneId zone) {
		return view(caller, settings.find(caller.userId()).orElseGet(() -> DigestSettings.defaults(zone)));
	}

	@Transactional
	public View update(Caller caller, Update update) {
		DigestSchedule schedule = validate(update);
		settings.save(caller.teamId(), caller.userId(), schedule, clock.instant());
		return view(caller, schedule);
	}

	/**
	 * Sends the caller's current plan now, as a delivery of kind TEST that is not the period's digest: 409 when there
	 * is nowhere to send it.
	 */
	@Transactional
	public UUID sendTest(Caller caller) {
		if (!mailer.enabled()) {
			throw ApiException.conflict("Email is not configured on this server (no SMTP server), so no digest can be sent");
		}
		if (directory.find(caller.userId()).map(MemberDirectory.Entry::email).isEmpty()) {
			throw ApiException.conflict("Rapport has no email address for you yet, so no digest can be sent");
		}
		UUID id = deliveries.createTest(caller.teamId(), caller.userId(), clock.instant());
		AfterCommit.run(() -> sender.sendSoon(id));
		return id;
	}

	/** Turns the digest off for the member a verified unsubscribe link names, keeping their other choices. */
	@Transactional
	public void unsubscribe(UUID teamId, UUID memberId) {
		DigestSchedule current = settings.find(memberId).orElseGet(() -> DigestSettings.defaults(ZoneId.of("UTC")));
		settings.save(teamId, memberId, new DigestSchedule(Frequency.OFF, current.weekday(), current.hour(),
				current.zone()), clock.instant());
	}

	/** Whether the member's digest is off. */
	@Transactional(readOnly = true)
	public boolean unsubscribed(UUID memberId) {
		return settings.find(memberId).map(schedule -> schedule.frequency() == Frequency.OFF).orElse(false);
	}

	/** The member's time zone for their digest (UTC until they choose one). */
	@Transactional(readOnly = true)
	public ZoneId zone(UUID memberId) {
		return settings.find(memberId).map(DigestSchedule::zone).orElse(ZoneId.of("UTC"));
	}

	/** A member who left takes their settings and their unsent mail with them. */
	@EventListener
	void memberRemoved(MemberRemoved removed) {
		settings.delete(removed.memberId());
		deliveries.deleteUnsent(removed.memberId());
	}

	private View view(Caller caller, DigestSchedule schedule) {
		String email = directory.find(caller.userId()).map(MemberDirectory.Entry::email).orElse(null);
		Slot next = email == null || !mailer.enabled() ? null : schedule.next(clock.instant());
		return new View(schedule.frequency(), schedule.frequency() == Frequency.WEEKLY ? schedule.weekday() : null,
				schedule.hour(), schedule.zone().getId(), email, next == null ? null : next.sendAt(),
				deliveries.recent(caller.userId(), RECENT_DELIVERIES));
	}

	/** Every field at fault at once, each named. */
	static DigestSchedule validate(Update update) {
		if (update == null) {
			throw ApiException.invalid("body", "is required: {\"frequency\", \"weekday\", \"hour\", \"timeZone\"}");
		}
		List<FieldProblem> problems = new ArrayList<>();
		Frequency frequency = null;
		if (update.frequency() == null || update.frequency().isBlank()) {
			problems.add(new FieldProblem("frequency", "is required: WEEKLY, DAILY or OFF"));
		}
		else {
			try {
				frequency = Frequency.valueOf(update.frequency().strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				problems.add(new FieldProblem("frequency", "must be WEEKLY, DAILY or OFF"));
			}
		}
		DayOfWeek weekday = DigestSettings.DEFAULT_WEEKDAY;
		if (update.weekday() == null || update.weekday().isBlank()) {
			if (frequency == Frequency.WEEKLY) {
				problems.add(new FieldProblem("weekday", "is required for a weekly digest: MONDAY to SUNDAY"));
			}
		}
		else {
			try {
				weekday = DayOfWeek.valueOf(update.weekday().strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				problems.add(new FieldProblem("weekday", "must be a day from MONDAY to SUNDAY"));
			}
		}
		if (update.hour() == null || update.hour() < 0 || update.hour() > 23) {
			problems.add(new FieldProblem("hour", "must be an hour of the day from 0 to 23"));
		}
		ZoneId zone = null;
		if (update.timeZone() == null || update.timeZone().isBlank()) {
			problems.add(new FieldProblem("timeZone", "is required: a time zone such as Europe/Paris"));
		}
		else {
			zone = zone(update.timeZone().strip());
			if (zone == null) {
				problems.add(new FieldProblem("timeZone", "must be an IANA time zone such as Europe/Paris"));
			}
		}
		if (!problems.isEmpty()) {
			throw ApiException.invalid("The digest settings have invalid fields", problems);
		}
		return new DigestSchedule(frequency, weekday, update.hour(), zone);
	}

	/** An IANA region (or UTC); offsets such as +02:00 are refused: they know nothing of daylight saving. */
	private static ZoneId zone(String name) {
		if (!name.equals("UTC") && !ZoneId.getAvailableZoneIds().contains(name)) {
			return null;
		}
		try {
			return ZoneId.of(name);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/**
	 * The settings as shown: {@code weekday} only for a weekly digest; {@code email} from the member directory (null:
	 * unknown, then nothing is sent); {@code nextSendAt} null when nothing will be sent.
	 */
	@Schema(name = "DigestSettings")
	public record View(Frequency frequency, DayOfWeek weekday, int hour, String timeZone, String email,
			Instant nextSendAt, List<Delivery> deliveries) {
	}

	/**
	 * What a member sets. Strings, so that a wrong value is a 400 naming its field. The read-only fields of
	 * {@link View} are accepted and ignored, so a client may send back what it read.
	 */
	@JsonIgnoreProperties({ "email", "nextSendAt", "deliveries" })
	@Schema(name = "DigestUpdate")
	public record Update(@Schema(allowableValues = { "WEEKLY", "DAILY", "OFF" }) String frequency,
			@Schema(allowableValues = { "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
					"SUNDAY" }, description = "weekly only") String weekday,
			@Schema(minimum = "0", maximum = "23") Integer hour,
			@Schema(description = "IANA time zone, e.g. Europe/Paris", example = "Europe/Paris") String timeZone) {
	}

}
