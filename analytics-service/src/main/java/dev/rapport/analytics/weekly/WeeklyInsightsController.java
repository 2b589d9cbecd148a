package dev.rapport.analytics.weekly;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.ApiException;

/** The caller's team, week by week: conversations, people reached, cooling and rewarming, follow-through. */
@RestController
@RequestMapping("/api/insights")
@Tag(name = "Insights", description = "Team insights from the analytics stream")
public class WeeklyInsightsController {

	private final WeeklyInsights insights;

	public WeeklyInsightsController(WeeklyInsights insights) {
		this.insights = insights;
	}

	@GetMapping("/weekly")
	@Operation(summary = "Weekly trends",
			description = "The last `weeks` ISO weeks (Monday start, UTC) up to this one, oldest first, for the team "
					+ "and each member. Counts follow the stream: a conversation logged a moment ago may take a "
					+ "second to appear.")
	public WeeklyReport weekly(
			@Parameter(description = "How many weeks, 1 to 52") @RequestParam(defaultValue = "12") int weeks,
			@Parameter(hidden = true) Caller caller) {
		if (weeks < 1 || weeks > WeeklyInsights.MAX_WEEKS) {
			throw ApiException.invalid("weeks", "must be between 1 and " + WeeklyInsights.MAX_WEEKS);
		}
		return insights.report(caller.teamId(), weeks);
	}

}
