package dev.rapport.reminders.digest;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.ApiException;
import dev.rapport.reminders.agenda.AgendaService;
import dev.rapport.reminders.agenda.AgendaService.AgendaItem;
import dev.rapport.reminders.digest.DigestLinks.Action;
import dev.rapport.reminders.digest.DigestLinks.Link;
import dev.rapport.reminders.digest.DigestLinks.Verified;
import dev.rapport.reminders.member.MemberDirectory;

/**
 * The digest's one-click links, used from a mail with no session: the signed token in the path is the credential,
 * and it is good for exactly one action on one reminder of one member (or unsubscribing that member), until it
 * expires. Open because reminders-service's {@code rapport.security.public-paths} lists {@code /links/**}; the gateway
 * routes it without identity and limits it per client address.
 * <p>
 * A GET never acts: mail scanners and link previewers fetch every URL in a mail, so GET answers a page with a button,
 * and only its POST does it (RFC 8058's one-click unsubscribe POSTs directly). Done and snooze go through the
 * agenda's own code paths, as the app's buttons do, so the same events are published. A second click says what was
 * already done. A tampered token, one for another action, or one whose member left is one and the same 404 page; an
 * expired one is a 410 page. Answers are small HTML pages, never cached, never sending a Referer onwards.
 */
@RestController
@Tag(name = "Digest")
public class DigestLinkEndpoint {

	static final String REMINDER_PATH = "/links/reminders/{token}";

	static final String UNSUBSCRIBE_PATH = "/links/digest/unsubscribe/{token}";

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);

	private final DigestLinks links;

	private final AgendaService agenda;

	private final DigestService digests;

	private final MemberDirectory directory;

	private final Clock clock;

	private final MeterRegistry meters;

	DigestLinkEndpoint(DigestLinks links, AgendaService agenda, DigestService digests, MemberDirectory directory,
			Clock clock, MeterRegistry meters) {
		this.links = links;
		this.agenda = agenda;
		this.digests = digests;
		this.directory = directory;
		this.clock = clock;
		this.meters = meters;
	}

	@GetMapping(value = REMINDER_PATH, produces = MediaType.TEXT_HTML_VALUE)
	@SecurityRequirements
	@Operation(summary = "Confirm a digest's done or snooze link",
			description = "No authentication: the signed token from the mail is the credential. Changes nothing: "
					+ "answers a page whose button POSTs to the same URL.")
	@ApiResponse(responseCode = "200", description = "The confirmation page", content = @Content(mediaType = "text/html"))
	@ApiResponse(responseCode = "404", description = "Not a valid link", content = @Content(mediaType = "text/html"))
	@ApiResponse(responseCode = "410", description = "The link has expired", content = @Content(mediaType = "text/html"))
	public ResponseEntity<String> confirmReminder(@PathVariable String token) {
		return reminderLink(token).map(link -> {
			Optional<AgendaItem> item = agenda.own(caller(link), link.reminderId());
			if (item.isEmpty()) {
				return gone();
			}
			String verb = link.action() == Action.DONE ? "Mark as done" : "Snooze for a week";
			return page(HttpStatus.OK, verb, "<p>" + DigestMail.escape(item.get().title()) + "</p>"
					+ "<form method=\"post\"><button type=\"submit\">" + verb + "</button></form>");
		}).orElseGet(() -> refused(token));
	}

	@PostMapping(value = REMINDER_PATH, produces = MediaType.TEXT_HTML_VALUE)
	@SecurityRequirements
	@Operation(summary = "Do what a digest's link says: mark the reminder done, or snooze it for 7 days",
			description = "No authentication: the signed token from the mail is the credential, for that reminder "
					+ "only. Clicking twice is no error: the page says it was already done.")
	@ApiResponse(responseCode = "200", description = "Done, or already done", content = @Content(mediaType = "text/html"))
	@ApiResponse(responseCode = "404", description = "Not a valid link, or the reminder is gone",
			content = @Content(mediaType = "text/html"))
	@ApiResponse(responseCode = "410", description = "The link has expired", content = @Content(mediaType = "text/html"))
	public ResponseEntity<String> actOnReminder(@PathVariable String token) {
		return reminderLink(token).map(this::act).orElseGet(() -> refused(token));
	}

	private ResponseEntity<String> act(Link link) {
		Caller caller = caller(link);
		Optional<AgendaItem> found = agenda.own(caller, link.reminderId());
		if (found.isEmpty()) {
			return gone();
		}
		AgendaItem item = found.get();
		String title = "<p>" + DigestMail.escape(item.title()) + "</p>";
		if (!item.status().name().equals("PENDING") && !item.status().name().equals("DUE")) {
			count(link, "already");
			return page(HttpStatus.OK, "Already " + item.status().name().toLowerCase(Locale.ROOT),
					title + "<p>Nothing more to do.</p>");
		}
		try {
			if (link.action() == Action.DONE) {
				agenda.complete(caller, item.id());
				count(link, "done");
				return page(HttpStatus.OK, "Done", title + "<p>Marked as done.</p>");
			}
			ZoneId zone = digests.zone(link.memberId());
			LocalDate until = clock.instant().atZone(zone).toLocalDate().plusDays(7);
			if (!item.dueOn().isBefore(until)) {
				count(link, "already");
				return page(HttpStatus.OK, "Already snoozed", title + "<p>It comes back on " + DAY.format(item.dueOn())
						+ ".</p>");
			}
			agenda.snooze(caller, item.id(), until, zone);
			count(link, "done");
			return page(HttpStatus.OK, "Snoozed", title + "<p>It comes back on " + DAY.format(until) + ".</p>");
		}
		catch (ApiException ex) {
			// Closed by a click in another tab or the app between our read and our write.
			count(link, "already");
			return page(HttpStatus.OK, "Already done", title + "<p>Nothing more to do.</p>");
		}
	}

	@GetMapping(value = UNSUBSCRIBE_PATH, produces = MediaType.TEXT_HTML_VALUE)
	@SecurityRequirements
	@Operation(summary = "Confirm unsubscribing from the digest",
			description = "No authentication: the signed token from the mail (List-Unsubscribe) is the credential. "
					+ "Changes nothing: answers a page whose button POSTs to the same URL.")
	@ApiResponse(responseCode = "200", description = "The confirmation page", content = @Content(mediaType = "text/html"))
	public ResponseEntity<String> confirmUnsubscribe(@PathVariable String token) {
		return link(token, Action.UNSUBSCRIBE).map(link -> page(HttpStatus.OK, "Stop the digest",
				"<p>You will get no more Rapport digests. You can turn them on again in Rapport's settings.</p>"
						+ "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
						+ "<button type=\"submit\">Unsubscribe</button></form>"))
			.orElseGet(() -> refused(token));
	}

	@PostMapping(value = UNSUBSCRIBE_PATH, produces = MediaType.TEXT_HTML_VALUE)
	@SecurityRequirements
	@Operation(summary = "Unsubscribe from the digest (RFC 8058 one-click)",
			description = "Body List-Unsubscribe=One-Click (application/x-www-form-urlencoded), as mail clients send "
					+ "it; any body is accepted. Sets the member's digest to OFF. Idempotent.")
	@ApiResponse(responseCode = "200", description = "Unsubscribed", content = @Content(mediaType = "text/html"))
	public ResponseEntity<String> unsubscribe(@PathVariable String token) {
		return link(token, Action.UNSUBSCRIBE).map(link -> {
			boolean already = digests.unsubscribed(link.memberId());
			digests.unsubscribe(link.teamId(), link.memberId());
			count(link, already ? "already" : "done");
			return page(HttpStatus.OK, "Unsubscribed", "<p>You will get no more Rapport digests.</p>");
		}).orElseGet(() -> refused(token));
	}

	private Optional<Link> reminderLink(String token) {
		return link(token, Action.DONE).or(() -> link(token, Action.SNOOZE));
	}

	/** The link in {@code token} if it is genuine, unexpired, for {@code action}, and its member still here. */
	private Optional<Link> link(String token, Action action) {
		Verified verified = links.verify(token, clock.instant());
		return Optional.ofNullable(verified.valid() ? verified.link() : null)
			.filter(link -> link.action() == action)
			.filter(link -> directory.find(link.memberId()).filter(m -> m.teamId().equals(link.teamId())).isPresent());
	}

	private ResponseEntity<String> refused(String token) {
		Verified verified = links.verify(token, clock.instant());
		meters.counter("rapport.digest.links", "action", "unknown", "outcome",
				verified.expired() ? "expired" : "invalid").increment();
		if (verified.expired()) {
			return page(HttpStatus.GONE, "This link has expired",
					"<p>Links in a digest work for a limited time. Open Rapport to see your plan.</p>");
		}
		return page(HttpStatus.NOT_FOUND, "This link does not work",
				"<p>It may have been mistyped or cut short. Open Rapport to see your plan.</p>");
	}

	private ResponseEntity<String> gone() {
		return page(HttpStatus.NOT_FOUND, "This reminder is gone", "<p>Nothing to do any more.</p>");
	}

	private void count(Link link, String outcome) {
		meters.counter("rapport.digest.links", "action", link.action().name().toLowerCase(Locale.ROOT), "outcome", outcome)
			.increment();
	}

	private static Caller caller(Link link) {
		return new Caller(link.memberId(), link.teamId(), Set.of());
	}

	private static ResponseEntity<String> page(HttpStatus status, String heading, String body) {
		String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width\"><meta name=\"robots\" content=\"noindex\">"
				+ "<title>" + DigestMail.escape(heading) + " · Rapport</title></head>"
				+ "<body style=\"font-family:sans-serif;max-width:32em;margin:2em auto\"><h1>" + DigestMail.escape(heading)
				+ "</h1>" + body + "</body></html>";
		return ResponseEntity.status(status)
			.contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noStore())
			// Not no-referrer: a browser then sends "Origin: null" with the page's own POST, which the gateway refuses
			// as a cross-origin call. same-origin sends the origin, and the token in the URL still leaves in no
			// Referer: the page loads nothing and links nowhere else (default-src 'none').
			.header("Referrer-Policy", "same-origin")
			.header("X-Robots-Tag", "noindex")
			.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
					+ "frame-ancestors 'none'")
			.body(html);
	}

}
