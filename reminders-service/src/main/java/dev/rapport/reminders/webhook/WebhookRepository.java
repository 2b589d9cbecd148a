package dev.rapport.reminders.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static dev.rapport.reminders.Timestamps.instant;
import static dev.rapport.reminders.Timestamps.ts;

/** Webhooks and their deliveries in PostgreSQL; the delivery table is also the worker's queue. */
@Repository
class WebhookRepository {

	private static final String WEBHOOK_COLUMNS = "id, team_id, owner_id, scope, url, format, description, secret, created_at";

	private static final String DELIVERY_COLUMNS = """
			id, webhook_id, event_id, event_type, status, attempts, last_status_code, last_error, next_attempt_at,
			created_at, delivered_at""";

	private final JdbcClient jdbc;

	WebhookRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Webhook webhook) {
		jdbc.sql("insert into webhook (" + WEBHOOK_COLUMNS + """
				) values (:id, :team, :owner, :scope, :url, :format, :description, :secret, :createdAt)
				""")
			.param("id", webhook.id())
			.param("team", webhook.teamId())
			.param("owner", webhook.ownerId())
			.param("scope", webhook.scope().name())
			.param("url", webhook.url())
			.param("format", webhook.format().name())
			.param("description", webhook.description())
			.param("secret", webhook.secret())
			.param("createdAt", ts(webhook.createdAt()))
			.update();
	}

	/** How many webhooks the member made (of either scope). */
	int countOwnedBy(UUID teamId, UUID ownerId) {
		return jdbc.sql("select count(*) from webhook where team_id = :team and owner_id = :owner")
			.param("team", teamId)
			.param("owner", ownerId)
			.query(Integer.class)
			.single();
	}

	Optional<Webhook> find(UUID teamId, UUID id) {
		return jdbc.sql("select " + WEBHOOK_COLUMNS + " from webhook where id = :id and team_id = :team")
			.param("id", id)
			.param("team", teamId)
			.query(WebhookRepository::webhook)
			.optional();
	}

	/** The member's own webhooks and the team's, oldest first. */
	List<Webhook> visibleTo(UUID teamId, UUID userId, long offset, int limit) {
		return jdbc.sql("select " + WEBHOOK_COLUMNS + """
				 from webhook where team_id = :team and (scope = 'TEAM' or owner_id = :user)
				order by created_at, id offset :offset limit :limit
				""")
			.param("team", teamId)
			.param("user", userId)
			.param("offset", offset)
			.param("limit", limit)
			.query(WebhookRepository::webhook)
			.list();
	}

	long countVisibleTo(UUID teamId, UUID userId) {
		return jdbc.sql("select count(*) from webhook where team_id = :team and (scope = 'TEAM' or owner_id = :user)")
			.param("team", teamId)
			.param("user", userId)
			.query(Long.class)
			.single();
	}

	/** The webhooks an event for {@code memberId} goes to: the member's own and the team's. */
	List<Webhook> receiving(UUID teamId, UUID memberId) {
		return jdbc.sql("select " + WEBHOOK_COLUMNS + """
				 from webhook where team_id = :team and (scope = 'TEAM' or (scope = 'MEMBER' and owner_id = :member))
				""")
			.param("team", teamId)
			.param("member", memberId)
			.query(WebhookRepository::webhook)
			.list();
	}

	/** Deletes the webhook and (cascading) its deliveries. */
	boolean delete(UUID id) {
		return jdbc.sql("delete from webhook where id = :id").param("id", id).update() == 1;
	}

	/** A new delivery, due at once: its id; empty when this webhook already has one for this event. */
	Optional<UUID> insertDelivery(UUID webhookId, UUID eventId, String eventType, UUID contactId, String payload,
			Instant now) {
		UUID id = UUID.randomUUID();
		boolean inserted = jdbc.sql("""
				insert into webhook_delivery (id, webhook_id, event_id, event_type, contact_id, payload, status,
				  next_attempt_at, created_at)
				values (:id, :webhook, :event, :type, :contact, :payload, 'PENDING', :now, :now)
				on conflict (webhook_id, event_id) do nothing
				""")
			.param("id", id)
			.param("webhook", webhookId)
			.param("event", eventId)
			.param("type", eventType)
			.param("contact", contactId)
			.param("payload", payload)
			.param("now", ts(now))
			.update() == 1;
		return inserted ? Optional.of(id) : Optional.empty();
	}

	Optional<Delivery> findDelivery(UUID id) {
		return jdbc.sql("select " + DELIVERY_COLUMNS + " from webhook_delivery where id = :id")
			.param("id", id)
			.query(WebhookRepository::delivery)
			.optional();
	}

	/** The webhook's delivery log, newest first. */
	List<Delivery> deliveries(UUID webhookId, long offset, int limit) {
		return jdbc.sql("select " + DELIVERY_COLUMNS + """
				 from webhook_delivery where webhook_id = :webhook
				order by created_at desc, id offset :offset limit :limit
				""")
			.param("webhook", webhookId)
			.param("offset", offset)
			.param("limit", limit)
			.query(WebhookRepository::delivery)
			.list();
	}

	long countDeliveries(UUID webhookId) {
		return jdbc.sql("select count(*) from webhook_delivery where webhook_id = :webhook")
			.param("webhook", webhookId)
			.query(Long.class)
			.single();
	}

	/**
	 * Leases up to {@code limit} deliveries waiting for an attempt to the claim {@code token} until {@code leaseUntil},
	 * in one statement that commits by itself: SKIP LOCKED passes over rows another worker is claiming that instant,
	 * and the lease over rows another worker claimed before (and is sending now, outside any transaction).
	 */
	List<ClaimedDelivery> claimDue(Instant now, int limit, UUID token, Instant leaseUntil) {
		return jdbc.sql("""
				update webhook_delivery d set leased_until = :until, claim_token = :token
				from webhook w
				where w.id = d.webhook_id and d.id in (
				  select id from webhook_delivery
				  where status in ('PENDING', 'FAILED') and next_attempt_at <= :now
				    and (leased_until is null or leased_until <= :now)
				  order by next_attempt_at limit :limit for update skip locked)
				returning d.id, d.event_id, d.event_type, d.payload, d.attempts, w.id as webhook_id, w.url, w.format,
				  w.secret
				""")
			.param("now", ts(now))
			.param("limit", limit)
			.param("token", token)
			.param("until", ts(leaseUntil))
			.query((rs, row) -> new ClaimedDelivery(rs.getObject("id", UUID.class), rs.getObject("webhook_id", UUID.class),
					rs.getObject("event_id", UUID.class), rs.getString("event_type"), rs.getString("payload"),
					rs.getInt("attempts"), rs.getString("url"), WebhookFormat.valueOf(rs.getString("format")),
					rs.getString("secret")))
			.list();
	}

	/**
	 * Records an attempt's outcome and ends the claim; false when the claim was no longer {@code token}'s (its lease
	 * ran out and another worker took the delivery, or the webhook was deleted meanwhile).
	 */
	boolean recordAttempt(UUID id, UUID token, DeliveryStatus status, int attempts, Integer statusCode, String error,
			Instant nextAttemptAt, Instant deliveredAt) {
		return jdbc.sql("""
				update webhook_delivery set status = :status, attempts = :attempts, last_status_code = :code,
				  last_error = :error, next_attempt_at = :next, delivered_at = :delivered, leased_until = null,
				  claim_token = null
				where id = :id and claim_token = :token
				""")
			.param("id", id)
			.param("token", token)
			.param("status", status.name())
			.param("attempts", attempts)
			.param("code", statusCode)
			.param("error", error)
			.param("next", ts(nextAttemptAt))
			.param("delivered", ts(deliveredAt))
			.update() == 1;
	}

	/** Erasure: what the log holds about a contact goes with the contact. */
	int deleteDeliveriesAbout(UUID contactId) {
		return jdbc.sql("delete from webhook_delivery where contact_id = :contact").param("contact", contactId).update();
	}

	private static Webhook webhook(ResultSet rs, int row) throws SQLException {
		return new Webhook(rs.getObject("id", UUID.class), rs.getObject("team_id", UUID.class),
				rs.getObject("owner_id", UUID.class), WebhookScope.valueOf(rs.getString("scope")), rs.getString("url"),
				WebhookFormat.valueOf(rs.getString("format")), rs.getString("description"), rs.getString("secret"),
				instant(rs, "created_at"));
	}

	private static Delivery delivery(ResultSet rs, int row) throws SQLException {
		return new Delivery(rs.getObject("id", UUID.class), rs.getString("event_type"),
				DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
				rs.getObject("last_status_code", Integer.class), rs.getString("last_error"),
				instant(rs, "next_attempt_at"), instant(rs, "created_at"), instant(rs, "delivered_at"));
	}

	/** A delivery a worker holds, with what it needs to send it. */
	record ClaimedDelivery(UUID id, UUID webhookId, UUID eventId, String eventType, String payload, int attempts,
			String url, WebhookFormat format, String secret) {
	}

}
