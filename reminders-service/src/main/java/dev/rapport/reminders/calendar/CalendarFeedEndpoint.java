package dev.rapport.reminders.calendar;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.platform.web.ApiException;
import dev.rapport.platform.web.Problems;

/**
 * The calendar feed as calendar applications fetch it: no session and no token (they have neither), the secret in
 * the path being the credential. It is open because reminders-service's {@code rapport.security.public-paths} lists
 * it, and the gateway routes it without identity and limits it per client address. An unknown, revoked or replaced
 * secret is one and the same 404, which never says whether a feed ever had it.
 */
@RestController
@Tag(name = "Calendar feed")
public class CalendarFeedEndpoint {

	static final MediaType TEXT_CALENDAR = MediaType.parseMediaType("text/calendar; charset=utf-8");

	private final CalendarFeeds feeds;

	public CalendarFeedEndpoint(CalendarFeeds feeds) {
		this.feeds = feeds;
	}

	@GetMapping(CalendarFeeds.PATH_PREFIX + "{secret}" + CalendarFeeds.PATH_SUFFIX)
	@SecurityRequirements
	@Operation(summary = "A member's calendar feed (iCalendar)",
			description = "No authentication: the secret URL from POST /api/reminders/calendar-feed is the "
					+ "credential. Birthdays and other yearly dates of the contacts the member can see, as all-day "
					+ "events recurring every year, and the member's open follow-ups on their due dates.")
	@ApiResponse(responseCode = "200", description = "The feed",
			content = @Content(mediaType = "text/calendar"))
	@ApiResponse(responseCode = "404", description = "No feed at this address")
	public ResponseEntity<String> feed(@PathVariable String secret) {
		String calendar = feeds.render(secret)
			.orElseThrow(() -> ApiException.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found",
					"There is no calendar feed at this address"));
		return ResponseEntity.ok()
			.contentType(TEXT_CALENDAR)
			// Private to whoever holds the URL: no shared cache keeps a copy, and each fetch is answered afresh.
			.cacheControl(CacheControl.noCache().cachePrivate())
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename("rapport.ics").build().toString())
			.body(calendar);
	}

}
