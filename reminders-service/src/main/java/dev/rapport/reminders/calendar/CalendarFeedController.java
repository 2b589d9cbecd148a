package dev.rapport.reminders.calendar;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.platform.security.Caller;
import dev.rapport.reminders.calendar.CalendarFeeds.CreatedFeed;
import dev.rapport.reminders.calendar.CalendarFeeds.FeedStatus;

/**
 * The caller's calendar feed: a secret URL that Google Calendar, Apple Calendar or Outlook subscribe to. The URL is
 * relative ({@code /feeds/calendar/<secret>.ics}): the client puts it after the address it reached Rapport at (the
 * web app after its own origin), since only the client knows the public address in front of the gateway. The secret
 * is shown once, in the answer that creates it; it cannot be read back, only replaced or revoked.
 */
@RestController
@RequestMapping("/api/reminders/calendar-feed")
@Tag(name = "Calendar feed", description = "Birthdays, dates and follow-ups in your own calendar application")
public class CalendarFeedController {

	private final CalendarFeeds feeds;

	public CalendarFeedController(CalendarFeeds feeds) {
		this.feeds = feeds;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create or replace the caller's calendar feed",
			description = "Answers {\"url\": \"/feeds/calendar/<secret>.ics\", \"createdAt\": ...}: a new secret URL "
					+ "(relative: put it after the address you reach Rapport at). Any URL the caller had before stops "
					+ "working at once. The URL is the feed's only credential: anyone who has it can read the feed.")
	@ApiResponse(responseCode = "201", description = "The new feed URL")
	public CreatedFeed create(@Parameter(hidden = true) Caller caller) {
		return feeds.create(caller);
	}

	@GetMapping
	@Operation(summary = "Whether the caller has a calendar feed",
			description = "When it was made and last fetched by a calendar application (recorded at most once a "
					+ "minute); never the URL. 404 problem when the caller has none.")
	public FeedStatus status(@Parameter(hidden = true) Caller caller) {
		return feeds.status(caller);
	}

	@DeleteMapping
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Revoke the caller's calendar feed",
			description = "Its URL answers 404 from now on. Revoking a feed that does not exist is no error.")
	@ApiResponse(responseCode = "204", description = "Revoked, or there was none")
	public void revoke(@Parameter(hidden = true) Caller caller) {
		feeds.revoke(caller);
	}

}
