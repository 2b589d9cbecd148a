package dev.rapport.reminders.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.ContactCreated;
import dev.rapport.events.ContactDeleted;
import dev.rapport.events.ContactSnapshot;
import dev.rapport.events.ContactSnapshot.Cadence;
import dev.rapport.events.ContactSnapshot.Cadence.Tier;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.events.ReminderDue;
import dev.rapport.events.ReminderKind;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ApiClient.Response;
import dev.rapport.platform.test.TestTokens;
import dev.rapport.platform.test.TopicWriter;
import dev.rapport.platform.time.ShiftableClock;
import dev.rapport.reminders.RemindersIntegrationTest;
import dev.rapport.reminders.relationship.DueScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks on the real broker and database, delivering to a real HTTP server on this machine: events on the topics
 * become deliveries, signed so that the receiver verifies them with the secret it was shown; failures are retried
 * on the backoff schedule (the clock moves, nothing sleeps) and logged for the member; redirects are not followed;
 * private targets are refused at every attempt when not allowed; redelivered events add nothing; two workers send
 * each delivery once.
 */
@RemindersIntegrationTest
class WebhookDeliveryTest {

	static final Duration WAIT = Duration.ofSeconds(60);

	static TopicWriter writer;

	@LocalServerPort
	int port;

	@Autowired
	ShiftableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DeliveryWorker worker;

	@Autowired
	WebhookRepository repository;

	@Autowired
	DeliveryPayloads payloads;

	@Autowired
	WebhookProperties properties;

	@Value("${rapport.public-url}")
	String publicUrl;

	@Autowired
	DueScheduler scheduler;

	@Autowired
	MeterRegistry meters;

	final UUID team = UUID.randomUUID();

	final UUID me = UUID.randomUUID();

	ApiClient api;

	String token;

	Receiver receiver;

	@BeforeAll
	static void open() {
		writer = new TopicWriter();
	}

	@AfterAll
	static void close() {
		writer.close();
	}

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		token = TestTokens.token(me, team);
		receiver = new Receiver();
	}

	@AfterEach
	void tearDown() {
		receiver.close();
	}

	@Test
	void aWebhookReceivesSignedDeliveriesThatItsReceiverVerifiesWithTheSecret() throws Exception {
		JsonNode webhook = webhook(token, receiver.url("/hook"), "STANDARD");
		UUID ada = contact(me, "Ada Lovelace", Visibility.PRIVATE);
		ReminderDue due = reminderDue(me, ada, ReminderKind.FOLLOW_UP);
		awaitDeliveries(webhook, 1);

		worker.runOnce();

		List<Receiver.Request> received = receiver.requestsTo("/hook");
		assertThat(received).hasSize(1);
		Receiver.Request request = received.getFirst();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.header("Content-Type")).isEqualTo("application/json");
		assertThat(request.header("Host")).as("the URL's authority, though the connection went to the checked address")
			.isEqualTo("127.0.0.1:" + receiver.port());
		assertSigned(request, webhook.get("secret").asString());
		JsonNode body = ApiClient.json(request.text());
		assertThat(body.get("type").asString()).isEqualTo("ReminderDue");
		assertThat(body.get("id").asString()).isEqualTo(due.eventId().toString());
		assertThat(Instant.parse(body.get("timestamp").asString())).isEqualTo(due.occurredAt());
		JsonNode data = body.get("data");
		assertThat(data.get("reminderId").asString()).isEqualTo(due.reminderId().toString());
		assertThat(data.get("contactId").asString()).isEqualTo(ada.toString());
		assertThat(data.get("contactName").asString()).isEqualTo("Ada Lovelace");
		assertThat(data.get("kind").asString()).isEqualTo("FOLLOW_UP");
		assertThat(data.get("dueOn").asString()).isEqualTo(due.dueOn().toString());
		assertThat(data.get("memberId").asString()).isEqualTo(me.toString());
		assertThat(data.get("link").asString()).isEqualTo(publicUrl + "/contacts/" + ada);

		JsonNode entry = log(webhook).getFirst();
		assertThat(entry.get("status").asString()).isEqualTo("DELIVERED");
		assertThat(entry.get("eventType").asString()).isEqualTo("ReminderDue");
		assertThat(entry.get("attempts").asInt()).isEqualTo(1);
		assertThat(entry.get("lastStatusCode").asInt()).isEqualTo(200);
		assertThat(entry.get("lastError").isNull()).isTrue();
		assertThat(entry.get("nextAttemptAt").isNull()).isTrue();
		assertThat(entry.get("deliveredAt").isNull()).isFalse();
		assertThat(request.header("webhook-id")).isEqualTo(entry.get("id").asString());
	}

	@Test
	void aFailingDeliveryIsRetriedWithBackoffAndTheLogShowsTheFailedAttemptThenDelivered() {
		JsonNode webhook = webhook(token, receiver.url("/flaky"), "STANDARD");
		receiver.answer(500, "database is down");
		reminderDue(me, UUID.randomUUID(), ReminderKind.KEEP_IN_TOUCH);
		awaitDeliveries(webhook, 1);
		double failedBefore = meters.counter("rapport.webhook.deliveries", "outcome", "failed").count();

		Instant firstAttempt = clock.instant();
		worker.runOnce();

		JsonNode failed = log(webhook).getFirst();
		assertThat(failed.get("status").asString()).isEqualTo("FAILED");
		assertThat(failed.get("attempts").asInt()).isEqualTo(1);
		assertThat(failed.get("lastStatusCode").asInt()).isEqualTo(500);
		assertThat(failed.get("lastError").asString()).isEqualTo("database is down");
		Instant next = Instant.parse(failed.get("nextAttemptAt").asString());
		assertThat(next).isBetween(firstAttempt.plusSeconds(30), clock.instant().plusSeconds(34));
		assertThat(meters.counter("rapport.webhook.deliveries", "outcome", "failed").count())
			.isEqualTo(failedBefore + 1);

		worker.runOnce();
		assertThat(receiver.requestsTo("/flaky")).as("not due again before its backoff").hasSize(1);

		clock.shift(Duration.ofSeconds(35));
		worker.runOnce();

		List<Receiver.Request> attempts = receiver.requestsTo("/flaky");
		assertThat(attempts).hasSize(2);
		assertThat(attempts.get(1).header("webhook-id")).as("a retry is the same message")
			.isEqualTo(attempts.get(0).header("webhook-id"));
		assertThat(attempts.get(1).text()).isEqualTo(attempts.get(0).text());
		assertSigned(attempts.get(1), webhook.get("secret").asString());
		JsonNode delivered = log(webhook).getFirst();
		assertThat(delivered.get("status").asString()).isEqualTo("DELIVERED");
		assertThat(delivered.get("attempts").asInt()).isEqualTo(2);
		assertThat(delivered.get("lastStatusCode").asInt()).isEqualTo(200);
	}

	@Test
	void aDeliveryGivesUpAfterEightFailedAttempts() {
		JsonNode webhook = webhook(token, receiver.url("/down"), "STANDARD");
		for (int i = 0; i < 8; i++) {
			receiver.answer(503, "");
		}
		reminderDue(me, UUID.randomUUID(), ReminderKind.KEEP_IN_TOUCH);
		awaitDeliveries(webhook, 1);

		for (int attempt = 1; attempt <= 8; attempt++) {
			worker.runOnce();
			JsonNode entry = log(webhook).getFirst();
			assertThat(entry.get("attempts").asInt()).isEqualTo(attempt);
			assertThat(entry.get("lastError").asString()).isEqualTo("HTTP 503");
			assertThat(entry.get("status").asString()).isEqualTo(attempt < 8 ? "FAILED" : "GAVE_UP");
			clock.shift(Duration.ofMinutes(70));
		}
		worker.runOnce();
		assertThat(receiver.requestsTo("/down")).hasSize(8);
		assertThat(log(webhook).getFirst().get("nextAttemptAt").isNull()).isTrue();
	}

	@Test
	void redirectsAreNotFollowed() {
		JsonNode webhook = webhook(token, receiver.url("/moved"), "STANDARD");
		receiver.redirect(receiver.url("/elsewhere"));
		reminderDue(me, UUID.randomUUID(), ReminderKind.KEEP_IN_TOUCH);
		awaitDeliveries(webhook, 1);

		worker.runOnce();

		assertThat(receiver.requestsTo("/elsewhere")).isEmpty();
		JsonNode entry = log(webhook).getFirst();
		assertThat(entry.get("status").asString()).isEqualTo("FAILED");
		assertThat(entry.get("lastStatusCode").asInt()).isEqualTo(302);
		assertThat(entry.get("lastError").asString())
			.isEqualTo("redirects are not followed (Location: " + receiver.url("/elsewhere") + ")");
	}

	/** Allowed when made (this context allows private targets); a worker that does not allow them refuses to send. */
	@Test
	void aPrivateTargetIsRefusedAtEveryDeliveryWhenNotAllowed() {
		JsonNode webhook = webhook(token, receiver.url("/private"), "STANDARD");
		reminderDue(me, UUID.randomUUID(), ReminderKind.KEEP_IN_TOUCH);
		awaitDeliveries(webhook, 1);
		DeliveryWorker strict = new DeliveryWorker(repository,
				new WebhookSender(new TargetPolicy(false), Duration.ofSeconds(5), Duration.ofSeconds(10)), payloads,
				clock, meters, properties);

		strict.runOnce();

		assertThat(receiver.requestsTo("/private")).isEmpty();
		JsonNode entry = log(webhook).getFirst();
		assertThat(entry.get("status").asString()).isEqualTo("FAILED");
		assertThat(entry.get("lastStatusCode").isNull()).isTrue();
		assertThat(entry.get("lastError").asString())
			.isEqualTo("refused: resolves to private address 127.0.0.1 (loopback)");
	}

	@Test
	void aRedeliveredEventAddsNoDelivery() {
		JsonNode webhook = webhook(token, receiver.url("/once"), "STANDARD");
		UUID contact = UUID.randomUUID();
		ReminderDue due = reminderDue(me, contact, ReminderKind.KEEP_IN_TOUCH);
		writer.send(due);
		writer.send(due);
		// Same reminder, same key, same partition: once this one is in, the two copies before it were read.
		writer.send(ReminderDue.of(due.reminderId(), team, me, contact, ReminderKind.KEEP_IN_TOUCH, due.dueOn(),
				clock.instant()));
		awaitDeliveries(webhook, 2);

		worker.runOnce();

		assertThat(jdbc.sql("select count(*) from webhook_delivery where webhook_id = :id and event_id = :event")
			.param("id", UUID.fromString(webhook.get("id").asString()))
			.param("event", due.eventId())
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(receiver.requestsTo("/once")).hasSize(2);
	}

	/**
	 * Two workers on one database: first one holds its claim while the other runs (the other sends only the rest),
	 * then both race over the same deliveries. Each delivery reaches the receiver exactly once.
	 */
	@Test
	void twoWorkersSendEachDeliveryOnce() {
		DeliveryWorker other = new DeliveryWorker(repository,
				new WebhookSender(new TargetPolicy(true), Duration.ofSeconds(5), Duration.ofSeconds(10)), payloads,
				clock, meters, properties);
		JsonNode webhook = webhook(token, receiver.url("/twice"), "STANDARD");
		String testUrl = "/api/notifications/webhooks/" + webhook.get("id").asString() + "/test";
		for (int i = 0; i < 15; i++) {
			assertThat(api.post(testUrl, token, null).status()).isEqualTo(202);
		}

		DeliveryWorker.Claim held = worker.claim();
		assertThat(held.deliveries()).isNotEmpty();
		other.runOnce();
		List<String> heldIds = held.deliveries().stream().map(d -> d.id().toString()).toList();
		assertThat(receiver.requestsTo("/twice")).extracting(r -> r.header("webhook-id")).doesNotContainAnyElementsOf(heldIds);
		held.deliveries().forEach(delivery -> worker.attempt(held.token(), delivery));
		assertThat(sentPerDelivery("/twice")).hasSize(15).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));

		for (int i = 0; i < 30; i++) {
			api.post(testUrl, token, null);
		}
		CompletableFuture<Integer> one = CompletableFuture.supplyAsync(worker::runOnce);
		CompletableFuture<Integer> two = CompletableFuture.supplyAsync(other::runOnce);
		one.join();
		two.join();

		assertThat(sentPerDelivery("/twice")).hasSize(45).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
		assertThat(log(webhook, 100)).hasSize(45)
			.allSatisfy(entry -> assertThat(entry.get("status").asString()).isEqualTo("DELIVERED"));
	}

	@Test
	void slackAndNtfyDeliveriesAreMessagesForPeopleAndSignedToo() {
		JsonNode slack = webhook(token, receiver.url("/slack"), "SLACK");
		JsonNode ntfy = webhook(token, receiver.url("/ntfy"), "NTFY");
		UUID zoe = contact(me, "Zoë Ng", Visibility.TEAM);
		reminderDue(me, zoe, ReminderKind.KEEP_IN_TOUCH);
		awaitDeliveries(slack, 1);
		awaitDeliveries(ntfy, 1);

		worker.runOnce();

		Receiver.Request toSlack = receiver.requestsTo("/slack").getFirst();
		assertThat(toSlack.header("Content-Type")).isEqualTo("application/json");
		assertThat(ApiClient.json(toSlack.text()).get("text").asString()).isEqualTo(
				"Time to get in touch with Zoë Ng. <" + publicUrl + "/contacts/" + zoe + "|Open in Rapport>");
		assertSigned(toSlack, slack.get("secret").asString());

		Receiver.Request toNtfy = receiver.requestsTo("/ntfy").getFirst();
		assertThat(toNtfy.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
		assertThat(toNtfy.text()).isEqualTo("Time to get in touch with Zoë Ng.");
		assertThat(toNtfy.header("Title")).isEqualTo("Rapport reminder");
		assertThat(toNtfy.header("Click")).isEqualTo(publicUrl + "/contacts/" + zoe);
		assertSigned(toNtfy, ntfy.get("secret").asString());
	}

	@Test
	void aTeamWebhookHearsOfEveryMembersSharedContactsButNeverOfPrivateOnes() {
		UUID teammate = UUID.randomUUID();
		JsonNode teamHook = webhook(TestTokens.token(me, team, "admin"), receiver.url("/team"), "STANDARD", "TEAM");
		JsonNode mine = webhook(token, receiver.url("/mine"), "STANDARD");
		UUID shared = contact(teammate, "Grace Hopper", Visibility.TEAM);
		UUID secret = contact(teammate, "Private Person", Visibility.PRIVATE);
		// One reminder id, so one key and partition: the private one is read before the shared one.
		UUID reminder = UUID.randomUUID();
		reminderDue(reminder, teammate, secret, ReminderKind.KEEP_IN_TOUCH);
		reminderDue(reminder, teammate, shared, ReminderKind.KEEP_IN_TOUCH);
		awaitDeliveries(teamHook, 1);

		worker.runOnce();

		List<Receiver.Request> toTeam = receiver.requestsTo("/team");
		assertThat(toTeam).hasSize(1);
		assertThat(ApiClient.json(toTeam.getFirst().text()).get("data").get("contactName").asString())
			.isEqualTo("Grace Hopper");
		assertThat(receiver.requestsTo("/team")).noneMatch(r -> r.text().contains(secret.toString()));
		assertThat(log(mine)).as("a teammate's reminders are not mine").isEmpty();
	}

	@Test
	void erasingAContactErasesItsDeliveries() {
		JsonNode webhook = webhook(token, receiver.url("/erased"), "STANDARD");
		UUID ada = contact(me, "Ada Lovelace", Visibility.PRIVATE);
		reminderDue(me, ada, ReminderKind.KEEP_IN_TOUCH);
		awaitDeliveries(webhook, 1);

		ContactDeleted deleted = ContactDeleted.of(ada, team, me, clock.instant());
		// As when the service's main group applied it first: its id is in processed_event, which must not hide it
		// from the webhooks' group.
		jdbc.sql("insert into processed_event (event_id, event_type) values (:id, 'ContactDeleted')")
			.param("id", deleted.eventId())
			.update();
		writer.send(deleted);

		awaitDeliveries(webhook, 0);
		assertThat(jdbc.sql("select count(*) from webhook_delivery where payload like :name")
			.param("name", "%" + ada + "%")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void theTestButtonQueuesASignedTestDelivery() {
		JsonNode webhook = webhook(token, receiver.url("/test"), "STANDARD");

		Response queued = api.post("/api/notifications/webhooks/" + webhook.get("id").asString() + "/test", token, null);

		assertThat(queued.status()).as(queued.toString()).isEqualTo(202);
		assertThat(queued.json().get("status").asString()).isEqualTo("PENDING");
		assertThat(queued.json().get("eventType").asString()).isEqualTo("WebhookTest");
		worker.runOnce();
		Receiver.Request request = receiver.requestsTo("/test").getFirst();
		assertSigned(request, webhook.get("secret").asString());
		JsonNode body = ApiClient.json(request.text());
		assertThat(body.get("type").asString()).isEqualTo("WebhookTest");
		assertThat(body.get("data").get("webhookId").asString()).isEqualTo(webhook.get("id").asString());
		assertThat(log(webhook).getFirst().get("status").asString()).isEqualTo("DELIVERED");
	}

	/**
	 * The whole way: a contact's cadence passes, the scheduler publishes RelationshipCooling and the nudge's
	 * ReminderDue through the outbox, this service reads them back and the member's webhook receives both.
	 */
	@Test
	void aRelationshipThatCoolsReachesTheMembersWebhook() {
		JsonNode webhook = webhook(token, receiver.url("/flow"), "STANDARD");
		UUID ada = UUID.randomUUID();
		Instant now = clock.instant();
		writer.send(ContactCreated.of(ada, team, me, snapshot("Ada Lovelace", new Cadence(Tier.INNER_CIRCLE, 14),
				Visibility.PRIVATE, now), now));
		awaitKnown(ada);

		clock.shift(Duration.ofDays(15));
		scheduler.runOnce();
		awaitDeliveries(webhook, 2);
		worker.runOnce();

		Map<String, JsonNode> byType = receiver.requestsTo("/flow")
			.stream()
			.peek(request -> assertSigned(request, webhook.get("secret").asString()))
			.map(request -> ApiClient.json(request.text()))
			.collect(Collectors.toMap(body -> body.get("type").asString(), Function.identity()));
		assertThat(byType).containsOnlyKeys("RelationshipCooling", "ReminderDue");
		assertThat(byType.get("RelationshipCooling").get("data").get("state").asString()).isEqualTo("DUE");
		assertThat(byType.get("RelationshipCooling").get("data").get("contactName").asString())
			.isEqualTo("Ada Lovelace");
		assertThat(byType.get("ReminderDue").get("data").get("kind").asString()).isEqualTo("KEEP_IN_TOUCH");
	}

	/** Verified as a receiver would, with the secret it was shown and nothing of Rapport's code. */
	static void assertSigned(Receiver.Request request, String secret) {
		String id = request.header("webhook-id");
		String timestamp = request.header("webhook-timestamp");
		assertThat(id).isNotBlank();
		assertThat(Long.parseLong(timestamp)).isPositive();
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
			mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
			String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(request.body()));
			assertThat(request.header("webhook-signature")).isEqualTo(expected);
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new AssertionError(ex);
		}
	}

	private Map<String, Long> sentPerDelivery(String path) {
		return receiver.requestsTo(path)
			.stream()
			.collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
	}

	private JsonNode webhook(String token, String url, String format) {
		return webhook(token, url, format, "MEMBER");
	}

	private JsonNode webhook(String token, String url, String format, String scope) {
		Response created = api.post("/api/notifications/webhooks", token,
				"{\"url\": \"%s\", \"format\": \"%s\", \"scope\": \"%s\"}".formatted(url, format, scope));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json();
	}

	private List<JsonNode> log(JsonNode webhook) {
		return log(webhook, 20);
	}

	private List<JsonNode> log(JsonNode webhook, int size) {
		Response answer = api.get("/api/notifications/webhooks/" + webhook.get("id").asString() + "/deliveries?size="
				+ size, token);
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		List<JsonNode> items = new ArrayList<>();
		answer.json().get("items").forEach(items::add);
		return items;
	}

	private void awaitDeliveries(JsonNode webhook, int count) {
		UUID id = UUID.fromString(webhook.get("id").asString());
		Awaitility.await()
			.atMost(WAIT)
			.until(() -> jdbc.sql("select count(*) from webhook_delivery where webhook_id = :id")
				.param("id", id)
				.query(Integer.class)
				.single() == count);
	}

	private UUID contact(UUID owner, String name, Visibility visibility) {
		UUID id = UUID.randomUUID();
		Instant now = clock.instant();
		writer.send(ContactCreated.of(id, team, owner, snapshot(name, null, visibility, now), now));
		awaitKnown(id);
		return id;
	}

	private void awaitKnown(UUID contactId) {
		Awaitility.await()
			.atMost(WAIT)
			.until(() -> jdbc.sql("select count(*) from relationship where contact_id = :id and known")
				.param("id", contactId)
				.query(Integer.class)
				.single() == 1);
	}

	private ReminderDue reminderDue(UUID member, UUID contactId, ReminderKind kind) {
		return reminderDue(UUID.randomUUID(), member, contactId, kind);
	}

	private ReminderDue reminderDue(UUID reminderId, UUID member, UUID contactId, ReminderKind kind) {
		ReminderDue due = ReminderDue.of(reminderId, team, member, contactId, kind,
				LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), clock.instant());
		writer.send(due);
		return due;
	}

	private static ContactSnapshot snapshot(String name, Cadence cadence, Visibility visibility, Instant createdAt) {
		return new ContactSnapshot(name, null, null, List.of(), List.of(), null, null, null, null, List.of(), List.of(),
				null, List.of(), cadence, visibility, false, 1, createdAt, createdAt);
	}

}
