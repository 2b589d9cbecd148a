package dev.rapport.contacts.contact;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.platform.idempotency.IdempotencyKeys;
import dev.rapport.platform.idempotency.IdempotencyKeys.Claim;
import dev.rapport.platform.outbox.Outbox;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.ApiException;
import dev.rapport.platform.web.Problems;

/**
 * Handing relationships over: a team admin makes another member the owner of a member's contacts (all of them, or
 * those named), when the member leaves or should not be a relationship's only warm contact. The owner changes (so a
 * private contact becomes the new owner's to see) and nothing else: conversations keep their authors, the contact
 * keeps its fields. Each contact's ContactHandedOff and new state commit with the change and the history row; the
 * other services move what they hold of her ownership when they read it.
 * <p>
 * All or nothing: a named contact that is not the from-member's (anymore) refuses the whole request, naming every such
 * contact, so an admin never hands over half of what they meant to.
 */
@Service
public class ContactHandoffs {

	/**
	 * Most contacts one request hands over: one transaction locks and rewrites each, with two outbox rows each, in a
	 * few seconds (see README's figure); more would hold the locks and the outbox relay up for too long.
	 */
	public static final int MAX_CONTACTS = 10_000;

	static final String OPERATION = "POST /api/contacts/handoff";

	private static final Logger log = LoggerFactory.getLogger(ContactHandoffs.class);

	private final ContactRepository contacts;

	private final ContactHandoffRepository handoffs;

	private final ContactEvents events;

	private final IdempotencyKeys idempotencyKeys;

	private final ContactService visibility;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Timer timer;

	ContactHandoffs(ContactRepository contacts, ContactHandoffRepository handoffs, Outbox outbox,
			IdempotencyKeys idempotencyKeys, ContactService visibility, Clock clock, MeterRegistry meters) {
		this.contacts = contacts;
		this.handoffs = handoffs;
		this.events = new ContactEvents(outbox);
		this.idempotencyKeys = idempotencyKeys;
		this.visibility = visibility;
		this.clock = clock;
		this.meters = meters;
		this.timer = Timer.builder("rapport.contacts.handoff.duration")
			.description("Handing a member's contacts over to another, in its transaction")
			.register(meters);
	}

	/** What to hand over: from whom, to whom, and which of their contacts (all of them when absent). */
	public record HandoffRequest(
			@Schema(description = "The member whose contacts are handed over (one who left the team too)",
					requiredMode = RequiredMode.REQUIRED) UUID fromMemberId,
			@Schema(description = "The member who owns them from now on", requiredMode = RequiredMode.REQUIRED)
			UUID toMemberId,
			@Schema(description = "Only these of fromMember's contacts (at most " + MAX_CONTACTS + "); all of them "
					+ "when absent") List<UUID> contactIds) {
	}

	/** A handoff done: which contacts went from whom to whom, when and by whom. */
	public record HandoffResult(@Schema(requiredMode = RequiredMode.REQUIRED) UUID handoffId,
			@Schema(requiredMode = RequiredMode.REQUIRED) UUID fromMemberId,
			@Schema(requiredMode = RequiredMode.REQUIRED) UUID toMemberId,
			@Schema(requiredMode = RequiredMode.REQUIRED) UUID byMemberId,
			@Schema(description = "When; null when there was nothing to hand over") Instant handedOffAt,
			@Schema(description = "How many contacts changed owner", requiredMode = RequiredMode.REQUIRED) int handedOff,
			@Schema(description = "The contacts handed over, in id order", requiredMode = RequiredMode.REQUIRED)
			List<UUID> contactIds) {
	}

	/** The result, and whether an earlier request with the same Idempotency-Key did it. */
	public record Outcome(HandoffResult result, boolean replayed) {
	}

	@Transactional
	public Outcome handOff(Caller caller, HandoffRequest request, String idempotencyKey) {
		if (!caller.hasRole(ContactService.ADMIN_ROLE)) {
			throw ApiException.forbidden("Only a team admin can hand relationships over");
		}
		Set<UUID> named = check(request);
		Claim claim = idempotencyKeys.claim(caller, OPERATION, idempotencyKey, request);
		if (claim.replayed()) {
			return new Outcome(recorded(caller, request, claim.resourceId()), true);
		}
		UUID handoffId = claim.resourceId();
		return new Outcome(timer.record(() -> handOff(caller, request, named, handoffId)), false);
	}

	private HandoffResult handOff(Caller caller, HandoffRequest request, Set<UUID> named, UUID handoffId) {
		UUID from = request.fromMemberId();
		UUID to = request.toMemberId();
		List<Contact> locked;
		if (named == null) {
			locked = contacts.lockOwnedBy(caller.teamId(), from, MAX_CONTACTS + 1);
			if (locked.size() > MAX_CONTACTS) {
				throw tooMany("fromMember owns more than " + MAX_CONTACTS + " contacts; hand them over "
						+ MAX_CONTACTS + " at a time, naming them in contactIds");
			}
		}
		else {
			locked = contacts.lockForHandoff(caller.teamId(), named);
			Set<UUID> theirs = new LinkedHashSet<>();
			locked.stream().filter(c -> c.ownerId().equals(from)).forEach(c -> theirs.add(c.id()));
			List<UUID> refused = named.stream().filter(id -> !theirs.contains(id)).toList();
			if (!refused.isEmpty()) {
				ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, Problems.CONFLICT, "Not fromMember's contacts",
						"%d of the contacts named are not fromMember's contacts in your team (anymore): nothing was "
							.formatted(refused.size()) + "handed over; leave them out or list the contacts again");
				problem.setProperty("contactIds", refused);
				throw ApiException.of(problem);
			}
		}
		List<UUID> ids = locked.stream().map(Contact::id).toList();
		if (ids.isEmpty()) {
			log.info("Handoff {} from {} to {} by {}: nothing to hand over", handoffId, from, to, caller.userId());
			return new HandoffResult(handoffId, from, to, caller.userId(), null, 0, List.of());
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		List<Contact> handedOver = new ArrayList<>(contacts.handOver(caller.teamId(), ids, to, now));
		handedOver.sort(Comparator.comparing(Contact::id));
		handoffs.record(handoffId, caller.teamId(), ids, from, to, caller.userId(), now);
		events.handedOff(handedOver, from, handoffId, caller.userId(), now);
		meters.counter("rapport.contacts.changes", "change", "handed-off").increment(ids.size());
		meters.counter("rapport.contacts.handoffs").increment();
		log.info("Handoff {}: {} contacts from {} to {} by {} (team {})", handoffId, ids.size(), from, to,
				caller.userId(), caller.teamId());
		return new HandoffResult(handoffId, from, to, caller.userId(), now, ids.size(), ids);
	}

	/** The handoffs of a contact the caller can see (404 otherwise), the latest first. */
	@Transactional(readOnly = true)
	public List<ContactHandoff> ofContact(Caller caller, UUID contactId) {
		visibility.get(caller, contactId);
		return handoffs.ofContact(caller.teamId(), contactId);
	}

	/** A resend's answer: the handoff as recorded (contacts erased since are no longer in it). */
	private HandoffResult recorded(Caller caller, HandoffRequest request, UUID handoffId) {
		List<ContactHandoff> rows = handoffs.find(caller.teamId(), handoffId);
		List<UUID> ids = rows.stream().map(ContactHandoff::contactId).toList();
		if (rows.isEmpty()) {
			return new HandoffResult(handoffId, request.fromMemberId(), request.toMemberId(), caller.userId(), null, 0,
					ids);
		}
		ContactHandoff first = rows.getFirst();
		return new HandoffResult(handoffId, first.fromMemberId(), first.toMemberId(), first.byMemberId(),
				first.handedOffAt(), ids.size(), ids);
	}

	/** The named contacts, without repeats (null for "all of them"); a bad request is refused before anything. */
	private static Set<UUID> check(HandoffRequest request) {
		if (request.fromMemberId() == null) {
			throw ApiException.invalid("fromMemberId", "is required");
		}
		if (request.toMemberId() == null) {
			throw ApiException.invalid("toMemberId", "is required");
		}
		if (request.fromMemberId().equals(request.toMemberId())) {
			throw ApiException.invalid("toMemberId", "is fromMemberId; hand the contacts to another member");
		}
		if (request.contactIds() == null) {
			return null;
		}
		if (request.contactIds().size() > MAX_CONTACTS) {
			throw tooMany("contactIds names " + request.contactIds().size() + " contacts; at most " + MAX_CONTACTS
					+ " are handed over by one request");
		}
		if (request.contactIds().isEmpty()) {
			throw ApiException.invalid("contactIds", "is empty; leave it out to hand over all of fromMember's contacts");
		}
		for (int i = 0; i < request.contactIds().size(); i++) {
			if (request.contactIds().get(i) == null) {
				throw ApiException.invalid("contactIds[" + i + "]", "is null");
			}
		}
		return new LinkedHashSet<>(request.contactIds());
	}

	private static ApiException tooMany(String detail) {
		ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, Problems.PAYLOAD_TOO_LARGE,
				"Too many contacts", detail);
		problem.setProperty("maxContacts", MAX_CONTACTS);
		return ApiException.of(problem);
	}

}
