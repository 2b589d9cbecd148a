package dev.rapport.reminders.digest;

import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.RequestTimeZone;
import dev.rapport.reminders.digest.DigestService.Update;
import dev.rapport.reminders.digest.DigestService.View;

/**
 * The caller's email digest: when it comes (daily or weekly, at their hour in their time zone, or never) and what
 * happened to the last ones.
 */
@RestController
@RequestMapping("/api/notifications/digest")
@Tag(name = "Digest", description = "This week's plan by email, with one-click links")
public class DigestController {

	private final DigestService digests;

	public DigestController(DigestService digests) {
		this.digests = digests;
	}

	@GetMapping
	@Operation(summary = "The caller's digest settings and last deliveries",
			description = "{frequency: WEEKLY|DAILY|OFF, weekday (weekly only), hour 0-23, timeZone, email (read-only, "
					+ "from the member directory; null: unknown, nothing is sent), nextSendAt (null: nothing will be "
					+ "sent), deliveries: the last 10 {id, kind DIGEST|TEST, periodStart, status SENT|FAILED|PENDING|"
					+ "SKIPPED, attempts, sentAt, error, entries}}. The digest is on by default: a member who never "
					+ "saved settings gets it weekly on Monday at 08:00, in the time zone of the tz parameter or "
					+ "X-Time-Zone header here (UTC for the sender until they save).")
	public View get(@RequestParam(name = RequestTimeZone.PARAMETER, required = false) String tz,
			@RequestHeader(name = RequestTimeZone.HEADER, required = false) String header,
			@Parameter(hidden = true) Caller caller) {
		return digests.view(caller, RequestTimeZone.of(tz, header));
	}

	@PutMapping
	@Operation(summary = "Set when the caller gets the digest",
			description = "Body {\"frequency\": \"WEEKLY\", \"weekday\": \"MONDAY\", \"hour\": 8, \"timeZone\": "
					+ "\"Europe/Paris\"}: weekday is required for WEEKLY and ignored otherwise; hour 0-23; timeZone an "
					+ "IANA name. OFF stops the digest. 400 problem naming every field at fault. Answers as GET.")
	@ApiResponse(responseCode = "200", description = "The saved settings")
	@ApiResponse(responseCode = "400", description = "Invalid fields, named in errors[]")
	public View put(@RequestBody(required = false) Update update, @Parameter(hidden = true) Caller caller) {
		return digests.update(caller, update);
	}

	@PostMapping("/test")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Send the caller's current plan by email now",
			description = "A delivery of kind TEST, listed with the others; it is not the period's digest, which "
					+ "still comes at its hour. Sent even when the plan is empty. Answers {\"deliveryId\": ...}.")
	@ApiResponse(responseCode = "202", description = "On its way")
	@ApiResponse(responseCode = "409",
			description = "Nowhere to send it: no address for the caller, or no SMTP server configured")
	public Map<String, UUID> test(@Parameter(hidden = true) Caller caller) {
		return Map.of("deliveryId", digests.sendTest(caller));
	}

}
