package dev.rapport.reminders.member;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.MemberState;
import dev.rapport.events.Topics;
import dev.rapport.platform.test.TopicWriter;
import dev.rapport.reminders.RemindersIntegrationTest;
import dev.rapport.reminders.member.MemberDirectory.Entry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The member directory follows the gateway's members' state topic: a member's state is upserted, a later state
 * replaces it, a tombstone removes the member and what notifications kept for them, and an unreadable record is
 * skipped without stopping the ones after it.
 */
@RemindersIntegrationTest
class MemberStateIntakeTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	MemberDirectory directory;

	@Autowired
	JdbcClient jdbc;

	private final TopicWriter topic = new TopicWriter();

	private final UUID team = UUID.randomUUID();

	@AfterEach
	void close() {
		topic.close();
	}

	@Test
	void aMembersStateIsUpsertedAndTheirLatestStateWins() {
		UUID ada = UUID.randomUUID();
		topic.send(state(ada, "ada@example.com", "Ada"));
		topic.send(state(ada, "ada@lovelace.example", "Ada Lovelace"));

		Awaitility.await()
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(directory.find(ada))
				.contains(new Entry(team, ada, "ada@lovelace.example", "Ada Lovelace")));
	}

	@Test
	void aTombstoneRemovesTheMemberAndTheirDigestSettings() {
		UUID grace = UUID.randomUUID();
		topic.send(state(grace, "grace@example.com", "Grace"));
		Awaitility.await().atMost(WAIT).until(() -> directory.find(grace).isPresent());
		jdbc.sql("""
				insert into digest_setting (member_id, team_id, frequency, weekday, hour, time_zone, updated_at)
				values (:member, :team, 'DAILY', :weekday, 9, :zone, now())
				""")
			.param("member", grace)
			.param("team", team)
			.param("weekday", DayOfWeek.MONDAY.name())
			.param("zone", ZoneId.of("Europe/Paris").getId())
			.update();

		topic.send(new ProducerRecord<>(Topics.MEMBERS_STATE, grace.toString(), null));

		Awaitility.await().atMost(WAIT).until(() -> directory.find(grace).isEmpty());
		assertThat(jdbc.sql("select count(*) from digest_setting where member_id = :member")
			.param("member", grace)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void anUnreadableRecordIsSkippedAndTheNextOneApplied() {
		UUID alan = UUID.randomUUID();
		topic.send(new ProducerRecord<>(Topics.MEMBERS_STATE, alan.toString(), "{not json".getBytes()));
		topic.send(new ProducerRecord<>(Topics.MEMBERS_STATE, "not-a-member-id", null));
		topic.send(state(alan, "alan@example.com", "Alan"));

		Awaitility.await()
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(directory.find(alan)).map(Entry::email).contains("alan@example.com"));
	}

	private MemberState state(UUID member, String email, String name) {
		return MemberState.of(member, team, email, name, List.of("MEMBER"), Instant.parse("2026-11-01T09:00:00Z"),
				Instant.now());
	}

}
