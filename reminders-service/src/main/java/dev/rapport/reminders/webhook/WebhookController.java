package dev.rapport.reminders.webhook;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.rapport.platform.idempotency.IdempotencyKeys;
import dev.rapport.platform.idempotency.IdempotencyKeys.Created;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.PageResponse;
import dev.rapport.reminders.webhook.Webhooks.CreatedWebhook;
import dev.rapport.reminders.webhook.Webhooks.WebhookDraft;
import dev.rapport.reminders.webhook.Webhooks.WebhookView;

/**
 * Webhooks: HTTP endpoints (your own service, a Slack incoming webhook, an ntfy topic) that receive your reminders
 * and cooling relationships as signed deliveries, and the log of those deliveries.
 */
@RestController
@RequestMapping("/api/notifications/webhooks")
@Tag(name = "Webhooks", description = "Reminders and cooling relationships delivered to your own endpoints, signed")
public class WebhookController {

	private final Webhooks webhooks;

	public WebhookController(Webhooks webhooks) {
		this.webhooks = webhooks;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "createWebhook", summary = "Add a webhook",
			description = "{\"url\": \"https://...\", \"scope\": \"MEMBER\" | \"TEAM\", \"format\": \"STANDARD\" | "
					+ "\"SLACK\" | \"NTFY\", \"description\": \"...\"}. MEMBER (the default) receives your own reminders "
					+ "and cooling relationships; TEAM (admins only) everyone's, for contacts shared with the team. The "
					+ "answer carries the signing secret (whsec_..., Standard Webhooks) this once. The URL must be http(s), "
					+ "at most 2,048 characters, without user name or password, and its host must resolve to public "
					+ "addresses only (400 otherwise). At most 10 webhooks per member (409). Send an Idempotency-Key to "
					+ "make a resend safe.")
	@ApiResponse(responseCode = "201", description = "The webhook, with its secret")
	public ResponseEntity<CreatedWebhook> create(@RequestBody WebhookDraft draft,
			@RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
			@Parameter(hidden = true) Caller caller) {
		Created<CreatedWebhook> created = webhooks.create(caller, draft, idempotencyKey);
		ResponseEntity.BodyBuilder answer = ResponseEntity
			.created(URI.create("/api/notifications/webhooks/" + created.resource().id()));
		if (created.replayed()) {
			answer.header(IdempotencyKeys.REPLAYED_HEADER, "true");
		}
		return answer.body(created.resource());
	}

	@GetMapping
	@Operation(operationId = "listWebhooks", summary = "Your webhooks and the team's",
			description = "Oldest first, paginated; never a secret.")
	public PageResponse<WebhookView> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageResponse.DEFAULT_SIZE) int size,
			@Parameter(hidden = true) Caller caller) {
		return webhooks.list(caller, page, size);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "deleteWebhook", summary = "Delete a webhook",
			description = "Yours, or (admins) the team's; its delivery log goes with it. Someone else's: 404.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	public void delete(@PathVariable UUID id, @Parameter(hidden = true) Caller caller) {
		webhooks.delete(caller, id);
	}

	@PostMapping("/{id}/test")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(operationId = "testWebhook", summary = "Send a test delivery",
			description = "Queues a WebhookTest delivery, signed and retried like any other; follow it in the log.")
	@ApiResponse(responseCode = "202", description = "The queued delivery")
	public Delivery test(@PathVariable UUID id, @Parameter(hidden = true) Caller caller) {
		return webhooks.test(caller, id);
	}

	@GetMapping("/{id}/deliveries")
	@Operation(operationId = "listWebhookDeliveries", summary = "A webhook's delivery log",
			description = "Newest first: each delivery's event type, status (PENDING, DELIVERED, FAILED: waiting for "
					+ "its next attempt, GAVE_UP after 8 attempts), attempts, the last status code and error (the first "
					+ "500 characters of the answer, or why nothing was sent: refused address, timeout, redirect) and "
					+ "when it is tried next.")
	public PageResponse<Delivery> deliveries(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageResponse.DEFAULT_SIZE) int size,
			@Parameter(hidden = true) Caller caller) {
		return webhooks.deliveries(caller, id, page, size);
	}

}
