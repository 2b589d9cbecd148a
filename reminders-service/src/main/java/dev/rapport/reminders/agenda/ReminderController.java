package dev.rapport.reminders.agenda;

import java.time.LocalDate;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.RequestTimeZone;
import dev.rapport.reminders.agenda.AgendaService.Agenda;
import dev.rapport.reminders.agenda.AgendaService.AgendaItem;
import dev.rapport.reminders.agenda.AgendaService.PlanSettings;

/**
 * The caller's reminders. "Today" is the caller's date in the time zone named by the {@code tz} query parameter,
 * else the {@code X-Time-Zone} header, else UTC (an IANA name such as {@code Europe/Paris}; {@link RequestTimeZone}).
 */
@RestController
@RequestMapping("/api/reminders")
@Tag(name = "Reminders", description = "When to reach out, and what to talk about")
public class ReminderController {

	private final AgendaService agenda;

	public ReminderController(AgendaService agenda) {
		this.agenda = agenda;
	}

	@GetMapping
	@Operation(summary = "The caller's agenda",
			description = "Overdue, today and upcoming (14 days) reminders, each section ranked most valuable first: "
					+ "follow-ups you owe, nudges for close relationships, dates that are today, follow-ups owed to "
					+ "you, nudges for wider relationships, upcoming dates.")
	public Agenda agenda(@RequestParam(name = RequestTimeZone.PARAMETER, required = false) String tz,
			@RequestHeader(name = RequestTimeZone.HEADER, required = false) String header,
			@Parameter(hidden = true) Caller caller) {
		return agenda.agenda(caller, RequestTimeZone.of(tz, header));
	}

	@GetMapping("/plan")
	@Operation(summary = "The caller's weekly capacity", description = "People a week the plan holds; null: no limit.")
	public PlanSettings plan(@Parameter(hidden = true) Caller caller) {
		return agenda.planSettings(caller);
	}

	@PutMapping("/plan")
	@Operation(summary = "Set the caller's weekly capacity",
			description = "Body {\"weeklyCapacity\": 5} (1–100 people a week) or {\"weeklyCapacity\": null} for no "
					+ "limit. The agenda then shows the best that many keep-in-touch nudges, less the people reached "
					+ "since Monday, and defers the rest; follow-ups and dates are never deferred.")
	public PlanSettings setPlan(@RequestBody PlanSettings settings, @Parameter(hidden = true) Caller caller) {
		return agenda.setPlanSettings(caller, settings);
	}

	@PostMapping("/{id}/complete")
	@Operation(summary = "Mark a reminder done")
	public AgendaItem complete(@PathVariable UUID id, @Parameter(hidden = true) Caller caller) {
		return agenda.complete(caller, id);
	}

	@PostMapping("/{id}/dismiss")
	@Operation(summary = "Dismiss a reminder without acting on it")
	public AgendaItem dismiss(@PathVariable UUID id, @Parameter(hidden = true) Caller caller) {
		return agenda.dismiss(caller, id);
	}

	@PostMapping("/{id}/snooze")
	@Operation(summary = "Put a reminder off until a date", description = "Body {\"until\": \"2026-12-01\"}, a date after today.")
	public AgendaItem snooze(@PathVariable UUID id, @RequestBody Snooze body,
			@RequestParam(name = RequestTimeZone.PARAMETER, required = false) String tz,
			@RequestHeader(name = RequestTimeZone.HEADER, required = false) String header,
			@Parameter(hidden = true) Caller caller) {
		return agenda.snooze(caller, id, body.until(), RequestTimeZone.of(tz, header));
	}

	/** The snooze request. */
	public record Snooze(LocalDate until) {
	}

}
