package dev.rapport.reminders.relationship;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.events.RelationshipState;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.ApiException;
import dev.rapport.platform.web.PageResponse;
import dev.rapport.reminders.relationship.Relationship.Standing;

/**
 * Relationship state per contact of the caller's team ("who is cooling?"). Private contacts are visible to their
 * owner only; a contact of another team, an invisible one, or one this service has not heard of is 404.
 */
@RestController
@RequestMapping("/api/relationships")
@Tag(name = "Relationships", description = "How warm each relationship is")
public class RelationshipController {

	/** Beyond this many, a list's total is "10,000+" ({@code totalExact} false), as contacts-service's search does. */
	static final int COUNT_CAP = 10_000;

	private final RelationshipRepository relationships;

	private final CadenceOffers cadenceOffers;

	private final Clock clock;

	public RelationshipController(RelationshipRepository relationships, CadenceOffers cadenceOffers, Clock clock) {
		this.relationships = relationships;
		this.cadenceOffers = cadenceOffers;
		this.clock = clock;
	}

	@GetMapping
	@Operation(summary = "List relationships", description = "Coldest first; filter with state=WARM|DUE|COOLING|COLD. "
			+ "Archived contacts are left out.")
	public PageResponse<RelationshipView> list(@RequestParam(required = false) RelationshipState state,
			@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageResponse.DEFAULT_SIZE) int size, @Parameter(hidden = true) Caller caller) {
		if (page < 0) {
			throw ApiException.invalid("page", "must be 0 or more");
		}
		if (size < 1 || size > PageResponse.MAX_SIZE) {
			throw ApiException.invalid("size", "must be between 1 and " + PageResponse.MAX_SIZE);
		}
		Instant now = clock.instant();
		List<RelationshipView> items = relationships
			.list(caller.teamId(), caller.userId(), state, size, (long) page * size)
			.stream()
			.map(r -> RelationshipView.of(r, null, now))
			.toList();
		long total = relationships.count(caller.teamId(), caller.userId(), state, COUNT_CAP + 1);
		return total > COUNT_CAP ? PageResponse.of(items, page, size, COUNT_CAP, false)
				: PageResponse.of(items, page, size, total);
	}

	@GetMapping("/{contactId}")
	@Operation(summary = "One contact's relationship", description = "With cadenceOffer when keeping in touch was "
			+ "snoozed " + CadenceOffers.SNOOZES + " times at the current cadence: a longer cadence to offer.")
	public RelationshipView get(@PathVariable UUID contactId, @Parameter(hidden = true) Caller caller) {
		Relationship r = visible(caller, contactId);
		return RelationshipView.of(r, cadenceOffers.offer(r).orElse(null), clock.instant());
	}

	@DeleteMapping("/{contactId}/cadence-offer")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Decline the longer cadence offered",
			description = "Keeps the cadence; snoozes are counted from nothing again. Declining when nothing is "
					+ "offered is no error.")
	@ApiResponse(responseCode = "204", description = "Declined")
	public void declineCadenceOffer(@PathVariable UUID contactId, @Parameter(hidden = true) Caller caller) {
		cadenceOffers.decline(visible(caller, contactId).contactId());
	}

	private Relationship visible(Caller caller, UUID contactId) {
		return relationships.find(caller.teamId(), contactId)
			.filter(r -> r.visibleTo(caller.userId()))
			.orElseThrow(() -> ApiException.notFound("Relationship", contactId));
	}

	/**
	 * A relationship as the API shows it; {@code nextDueOn} is when the cadence runs out (null without one).
	 * {@code contactVersion} is the version of the contact it reflects: the contact reaches this service by event,
	 * so right after an edit it may still be the one before (a client that saved version n waits for n).
	 */
	public record RelationshipView(UUID contactId, long contactVersion, String displayName, UUID ownerId,
			RelationshipState state,
			Integer cadenceDays, String cadenceTier, CadenceRule.CadenceSource cadenceSource, Instant lastInteractionAt,
			Integer daysSinceLastTouch, int interactionCount, List<Double> recentGapsDays, LocalDate nextDueOn,
			boolean archived, Instant stateChangedAt, CadenceOffers.CadenceOffer cadenceOffer) {

		/** {@code offer} is shown on one relationship's page, not in lists (null there). */
		static RelationshipView of(Relationship r, CadenceOffers.CadenceOffer offer, Instant now) {
			Instant anchor = r.anchor();
			Standing standing = r.standing();
			Integer days = anchor == null ? null : (int) Math.max(0, Math.floor(CoolingThresholds.daysBetween(anchor, now)));
			LocalDate nextDue = anchor == null || standing.effectiveCadenceDays() == null ? null
					: anchor.atZone(ZoneOffset.UTC).toLocalDate().plusDays(standing.effectiveCadenceDays());
			return new RelationshipView(r.contactId(), r.contact().version(), r.contact().displayName(), r.contact().ownerId(), standing.state(),
					standing.effectiveCadenceDays(), r.contact().cadenceTier(), standing.cadenceSource(),
					r.history().lastInteractionAt(), days, r.history().interactionCount(), r.history().recentGapsDays(),
					nextDue, r.contact().archived(), standing.stateChangedAt(), offer);
		}

	}

}
