package dev.rapport.gateway.member;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.events.CloudEventHeaders;
import dev.rapport.events.EventCodec;
import dev.rapport.events.MemberState;
import dev.rapport.events.Topics;
import dev.rapport.gateway.GatewayIntegrationTest;
import dev.rapport.gateway.GatewayTestDatabase;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TopicReader;
import dev.rapport.platform.test.TopicReader.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Members' state on {@link Topics#MEMBERS_STATE}, read from the broker as reminders-service would: a member added, an
 * admin's new team, a role changed and a member removed each publish through the outbox in their own transaction;
 * what rolls back publishes nothing; members from before the gateway published are backfilled once.
 */
@GatewayIntegrationTest
class MemberStatePublishingTest {

	private static final Duration PUBLISHED = Duration.ofSeconds(30);

	/** How long a test watches for records that must not come (after a later one came). */
	private static final Duration SETTLE = Duration.ofSeconds(1);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final EventCodec codec = new EventCodec();

	@Autowired
	WebTestClient http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	MemberStates states;

	@Autowired
	Members members;

	private WebTestClient admin;

	private TopicReader topic;

	@BeforeEach
	void signIn() {
		admin = GatewayTestDatabase.signedIn(http);
		topic = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.MEMBERS_STATE);
	}

	@AfterEach
	void close() {
		topic.close();
	}

	@Test
	void aMemberAddedChangedAndRemovedIsPublishedEachTimeThenTombstoned() {
		String email = "ada-" + UUID.randomUUID() + "@example.com";
		JsonNode added = body(admin.post().uri("/api/team/members").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"email\": \"%s\", \"displayName\": \"Ada Lovelace\"}".formatted(email))
			.exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
		String id = added.at("/member/id").asString();
		String teamId = added.at("/member/teamId").asString();

		MemberState joined = state(awaitRecords(id, 1).getFirst());
		assertThat(joined.memberId()).hasToString(id);
		assertThat(joined.teamId()).hasToString(teamId);
		assertThat(joined.email()).isEqualTo(email);
		assertThat(joined.displayName()).isEqualTo("Ada Lovelace");
		assertThat(joined.roles()).containsExactly("member");
		assertThat(joined.joinedAt()).isEqualTo(Instant.parse(added.at("/member/createdAt").asString()));

		admin.put().uri("/api/team/members/" + id + "/role").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"role\": \"ADMIN\"}").exchange().expectStatus().isOk();
		List<Message> promoted = awaitRecords(id, 2);
		assertThat(state(promoted.get(1)).roles()).containsExactly("admin", "member");
		assertThat(state(promoted.get(1)).joinedAt()).isEqualTo(joined.joinedAt());

		admin.delete().uri("/api/team/members/" + id).exchange().expectStatus().isNoContent();
		List<Message> removed = awaitRecords(id, 3);
		Message tombstone = removed.get(2);
		assertThat(tombstone.value()).as("a tombstone: the key with a null value").isNull();
		assertThat(tombstone.type()).isEqualTo("MemberState");
		assertThat(tombstone.headers()).containsEntry(CloudEventHeaders.SOURCE, "/rapport/gateway")
			.containsEntry(CloudEventHeaders.SUBJECT, id);
		assertThat(removed).extracting(Message::partition).as("one member's records in order on one partition")
			.containsOnly(removed.getFirst().partition());
	}

	@Test
	void aNewTeamsFirstAdminAndTheBootstrapAdminArePublished() {
		String email = "lead-" + UUID.randomUUID() + "@example.com";
		JsonNode created = body(admin.post().uri("/api/teams").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": \"Published\", \"admin\": {\"email\": \"%s\", \"displayName\": \"Lead\"}}"
				.formatted(email))
			.exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
		String leadId = created.at("/admin/member/id").asString();

		MemberState lead = state(awaitRecords(leadId, 1).getFirst());
		assertThat(lead.teamId()).hasToString(created.at("/team/id").asString());
		assertThat(lead.roles()).containsExactly("admin", "member");

		JsonNode me = body(admin.get().uri("/api/me").exchange().expectStatus().isOk().expectBody().returnResult()
			.getResponseBody());
		MemberState bootstrapAdmin = state(awaitRecords(me.get("id").asString(), 1).getFirst());
		assertThat(bootstrapAdmin.email()).isEqualTo(GatewayTestDatabase.ADMIN_EMAIL);
		assertThat(bootstrapAdmin.roles()).containsExactly("admin", "operator");
	}

	@Test
	void whatRollsBackPublishesNothing() {
		Member ghost = new Member(UUID.randomUUID(), UUID.randomUUID(), "ghost@example.com", "Ghost", null,
				Set.of(Member.MEMBER), Instant.now().truncatedTo(ChronoUnit.MICROS), null);
		transactions.executeWithoutResult(status -> {
			states.published(ghost, ghost.createdAt());
			states.removed(ghost.id());
			status.setRollbackOnly();
		});
		// Through the API: a team whose first admin's email is taken is refused, the team with them.
		String taken = GatewayTestDatabase.ADMIN_EMAIL;
		admin.post().uri("/api/teams").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": \"Refused\", \"admin\": {\"email\": \"%s\", \"displayName\": \"Twin\"}}"
				.formatted(taken))
			.exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT);
		// A change committed after them: once it is on the topic, the relay is past where they would have been.
		publishCommitted();

		assertThat(jdbc.sql("select count(*) from outbox_event where record_key = :key")
			.param("key", ghost.id().toString()).query(Long.class).single()).isZero();
		assertThat(topic.messagesWithin(message -> message.key().equals(ghost.id().toString()), SETTLE)).isEmpty();
		assertThat(jdbc.sql("select count(*) from team where name = 'Refused'").query(Long.class).single()).isZero();
	}

	@Test
	void membersFromBeforeThePublishingAreBackfilledOnce() {
		Member earlier = insertUnpublished("earlier-" + UUID.randomUUID() + "@example.com");
		Member another = insertUnpublished("another-" + UUID.randomUUID() + "@example.com");

		assertThat(members.publishUnpublishedMembers()).isEqualTo(2);
		assertThat(members.publishUnpublishedMembers()).as("a second start finds none").isZero();
		// A change committed after both backfills: once it is on the topic, anything they sent is too.
		publishCommitted();

		for (Member member : List.of(earlier, another)) {
			awaitRecords(member.id().toString(), 1);
			List<Message> records = topic.messagesWithin(message -> message.key().equals(member.id().toString()),
					SETTLE);
			assertThat(records).as("%s published exactly once", member.email()).hasSize(1);
			MemberState state = state(records.getFirst());
			assertThat(state.email()).isEqualTo(member.email());
			assertThat(state.joinedAt()).isEqualTo(member.createdAt());
		}
	}

	/**
	 * Publishes a member's state in a committed transaction and waits for it: the relay sends in commit order, so
	 * whatever was committed before is on the topic by then (on its own partition: {@link #SETTLE} lets it arrive).
	 */
	private void publishCommitted() {
		Member after = new Member(UUID.randomUUID(), UUID.randomUUID(), "after@example.com", "After", null,
				Set.of(Member.MEMBER), Instant.now().truncatedTo(ChronoUnit.MICROS), null);
		transactions.executeWithoutResult(status -> states.published(after, after.createdAt()));
		awaitRecords(after.id().toString(), 1);
	}

	/** A member as the gateway had them before it published members' state: no publication marked. */
	private Member insertUnpublished(String email) {
		UUID teamId = jdbc.sql("select team_id from member where lower(email) = lower(:email)")
			.param("email", GatewayTestDatabase.ADMIN_EMAIL).query(UUID.class).single();
		Member member = new Member(UUID.randomUUID(), teamId, email, "Earlier", null, Set.of(Member.MEMBER),
				Instant.now().truncatedTo(ChronoUnit.MICROS), null);
		jdbc.sql("""
				insert into member (id, team_id, email, display_name, roles, created_at)
				values (:id, :team, :email, :name, array['member'], :createdAt)""")
			.param("id", member.id())
			.param("team", teamId)
			.param("email", email)
			.param("name", member.displayName())
			.param("createdAt", java.sql.Timestamp.from(member.createdAt()))
			.update();
		return member;
	}

	private List<Message> awaitRecords(String key, int count) {
		return topic.awaitMessages(message -> key.equals(message.key()), records -> records.size() >= count,
				PUBLISHED);
	}

	private MemberState state(Message message) {
		assertThat(message.type()).isEqualTo("MemberState");
		return codec.deserialize(message.value().getBytes(java.nio.charset.StandardCharsets.UTF_8), MemberState.class);
	}

	private static JsonNode body(byte[] body) {
		return JSON.readTree(body);
	}

}
