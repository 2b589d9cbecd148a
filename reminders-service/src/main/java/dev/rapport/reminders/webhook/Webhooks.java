package dev.rapport.reminders.webhook;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.platform.idempotency.IdempotencyKeys;
import dev.rapport.platform.idempotency.IdempotencyKeys.Claim;
import dev.rapport.platform.idempotency.IdempotencyKeys.Created;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.ApiException;
import dev.rapport.platform.web.PageResponse;
import dev.rapport.platform.web.Problems;
import dev.rapport.platform.transaction.AfterCommit;

/**
 * Members' webhooks: a member makes, lists and deletes their own, an admin the team's; each has a delivery log its
 * owner can read (the team's: any member), and a test send. Another member's webhook is answered as not existing.
 */
@Service
public class Webhooks {

	private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

	static final String ADMIN = "admin";

	static final int DESCRIPTION_MAX = 200;

	private final WebhookRepository webhooks;

	private final TargetPolicy policy;

	private final DeliveryPayloads payloads;

	private final IdempotencyKeys idempotencyKeys;

	private final WebhookProperties properties;

	private final DeliveryWorker worker;

	private final Clock clock;

	private final MeterRegistry meters;

	public Webhooks(WebhookRepository webhooks, TargetPolicy policy, DeliveryPayloads payloads,
			IdempotencyKeys idempotencyKeys, WebhookProperties properties, DeliveryWorker worker, Clock clock,
			MeterRegistry meters) {
		this.webhooks = webhooks;
		this.policy = policy;
		this.payloads = payloads;
		this.idempotencyKeys = idempotencyKeys;
		this.properties = properties;
		this.worker = worker;
		this.clock = clock;
		this.meters = meters;
	}

	/** A new webhook; its secret is in this answer only (a replay of the same Idempotency-Key shows it again). */
	@Transactional
	public Created<CreatedWebhook> create(Caller caller, WebhookDraft draft, String idempotencyKey) {
		WebhookScope scope = draft.scope() == null ? WebhookScope.MEMBER : draft.scope();
		WebhookFormat format = draft.format() == null ? WebhookFormat.STANDARD : draft.format();
		String description = draft.description() == null || draft.description().isBlank() ? null
				: draft.description().strip();
		WebhookUrls.problem(draft.url()).ifPresent(problem -> {
			throw ApiException.invalid("url", problem);
		});
		if (description != null && description.length() > DESCRIPTION_MAX) {
			throw ApiException.invalid("description", "must be at most " + DESCRIPTION_MAX + " characters");
		}
		if (scope == WebhookScope.TEAM && !caller.hasRole(ADMIN)) {
			throw ApiException.forbidden("Only a team admin may add a webhook for the whole team");
		}
		policy.problemAtCreation(URI.create(draft.url())).ifPresent(problem -> {
			throw ApiException.invalid("url", problem);
		});
		Claim claim = idempotencyKeys.claim(caller, "POST /api/notifications/webhooks", idempotencyKey, draft);
		if (claim.replayed()) {
			Webhook earlier = webhooks.find(caller.teamId(), claim.resourceId())
				.orElseThrow(() -> ApiException.conflict("The webhook this Idempotency-Key created was deleted since"));
			return new Created<>(CreatedWebhook.of(earlier), true);
		}
		if (webhooks.countOwnedBy(caller.teamId(), caller.userId()) >= properties.maxPerMember()) {
			throw ApiException.of(HttpStatus.CONFLICT, Problems.CONFLICT, "Too many webhooks",
					"You have " + properties.maxPerMember() + " webhooks, the most a member may have; delete one first");
		}
		Webhook webhook = new Webhook(claim.resourceId(), caller.teamId(), caller.userId(), scope, draft.url(), format,
				description, WebhookSecret.generate(), now());
		webhooks.insert(webhook);
		meters.counter("rapport.webhooks.created", "scope", scope.name(), "format", format.name()).increment();
		log.info("Webhook {} ({}, {}) added by member {} of team {}", webhook.id(), scope, format, caller.userId(),
				caller.teamId());
		return new Created<>(CreatedWebhook.of(webhook), false);
	}

	/** The caller's own webhooks and the team's, oldest first; never a secret. */
	@Transactional(readOnly = true)
	public PageResponse<WebhookView> list(Caller caller, int page, int size) {
		int limit = pageSize(size);
		int from = Math.max(0, page);
		long total = webhooks.countVisibleTo(caller.teamId(), caller.userId());
		return PageResponse.of(webhooks.visibleTo(caller.teamId(), caller.userId(), (long) from * limit, limit), from,
				limit, total).map(WebhookView::of);
	}

	/** Deletes a webhook (its owner, or an admin for a team's) with its delivery log. */
	@Transactional
	public void delete(Caller caller, UUID id) {
		Webhook webhook = visible(caller, id);
		if (!mayChange(caller, webhook)) {
			throw ApiException.forbidden("Only a team admin may delete the team's webhooks");
		}
		webhooks.delete(id);
		meters.counter("rapport.webhooks.deleted").increment();
		log.info("Webhook {} deleted by member {} of team {}", id, caller.userId(), caller.teamId());
	}

	/** Queues a test delivery, sent by the worker like any other (so it shows in the log, retries and all). */
	@Transactional
	public Delivery test(Caller caller, UUID id) {
		Webhook webhook = visible(caller, id);
		if (!mayChange(caller, webhook)) {
			throw ApiException.forbidden("Only a team admin may test the team's webhooks");
		}
		Instant now = now();
		UUID eventId = UUID.randomUUID();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("webhookId", webhook.id().toString());
		data.put("memberId", caller.userId().toString());
		data.put("message", "Test delivery from Rapport");
		UUID delivery = webhooks.insertDelivery(webhook.id(), eventId, DeliveryPayloads.TEST_TYPE, null,
				payloads.payload(DeliveryPayloads.TEST_TYPE, eventId, now, data), now).orElseThrow();
		AfterCommit.run(worker::wake);
		return webhooks.findDelivery(delivery).orElseThrow();
	}

	@Transactional(readOnly = true)
	public PageResponse<Delivery> deliveries(Caller caller, UUID id, int page, int size) {
		Webhook webhook = visible(caller, id);
		int limit = pageSize(size);
		int from = Math.max(0, page);
		return PageResponse.of(webhooks.deliveries(webhook.id(), (long) from * limit, limit), from, limit,
				webhooks.countDeliveries(webhook.id()));
	}

	/** The webhook, if the caller may see it (their own, or the team's); otherwise as if it did not exist. */
	private Webhook visible(Caller caller, UUID id) {
		return webhooks.find(caller.teamId(), id)
			.filter(webhook -> webhook.scope() == WebhookScope.TEAM || webhook.ownerId().equals(caller.userId()))
			.orElseThrow(() -> ApiException.notFound("Webhook", id));
	}

	private static boolean mayChange(Caller caller, Webhook webhook) {
		return webhook.scope() == WebhookScope.MEMBER ? webhook.ownerId().equals(caller.userId())
				: caller.hasRole(ADMIN);
	}

	private static int pageSize(int size) {
		if (size < 1 || size > PageResponse.MAX_SIZE) {
			throw ApiException.invalid("size", "must be 1 to " + PageResponse.MAX_SIZE);
		}
		return size;
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/** What a member sends to make a webhook; scope and format default to MEMBER and STANDARD. */
	public record WebhookDraft(String url, WebhookScope scope, WebhookFormat format, String description) {
	}

	/** A webhook as listed: never its secret. */
	public record WebhookView(UUID id, String url, WebhookScope scope, WebhookFormat format, String description,
			UUID ownerId, Instant createdAt) {

		static WebhookView of(Webhook webhook) {
			return new WebhookView(webhook.id(), webhook.url(), webhook.scope(), webhook.format(),
					webhook.description(), webhook.ownerId(), webhook.createdAt());
		}

	}

	/** A webhook just made, with the secret its receiver verifies signatures with (shown this once). */
	public record CreatedWebhook(UUID id, String url, WebhookScope scope, WebhookFormat format, String description,
			Instant createdAt, String secret) {

		static CreatedWebhook of(Webhook webhook) {
			return new CreatedWebhook(webhook.id(), webhook.url(), webhook.scope(), webhook.format(),
					webhook.description(), webhook.createdAt(), webhook.secret());
		}

	}

}
