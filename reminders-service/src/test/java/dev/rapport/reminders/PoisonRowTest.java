package dev.rapport.reminders;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.TestTokens;
import dev.rapport.platform.time.ShiftableClock;
import dev.rapport.reminders.relationship.DueScheduler;

import static dev.rapport.reminders.Timestamps.ts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One row the scheduler cannot read or evaluate, among thousands that are due, stops nothing: the run evaluates
 * (fires) every other row, and the bad one is set aside, recorded in {@code evaluation_failure}, counted, logged once,
 * shown on {@code /actuator/schedulerfailures} and retried with a growing backoff (runs in between do not claim
 * it), until it evaluates again and its record clears. Rows are made by SQL for speed and
 * corrupted by SQL in the three ways a row goes bad: a value the mapper rejects, a value the decision rejects, and
 * a constraint its save breaks (a real PostgreSQL error, which aborts the transaction it happens in).
 */
@RemindersIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PoisonRowTest {

	static final int HEALTHY = 3_000;

	/** rapport.reminders.scheduler.failure-backoff's default: the first retry waits this long, each next one twice. */
	static final Duration BACKOFF = Duration.ofMinutes(1);

	@Autowired
	DueScheduler scheduler;

	@Autowired
	ShiftableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@LocalManagementPort
	int managementPort;

	final UUID team = UUID.randomUUID();

	final UUID owner = UUID.randomUUID();

	@Test
	void badRelationshipsAreSetAsideAndEveryOtherDueOneIsEvaluatedInTheSameRun(CapturedOutput output) {
		Instant now = clock.instant();
		insertDueRelationships(HEALTHY + 3, now);
		List<UUID> bad = jdbc.sql("select contact_id from relationship where team_id = :team order by contact_id limit 3")
			.param("team", team)
			.query(UUID.class)
			.list();
		UUID unreadable = bad.get(0);
		UUID undecidable = bad.get(1);
		UUID unsavable = bad.get(2);
		// A value the mapper rejects (no such state), one the decision rejects (a cadence of 0 days), and a row whose
		// save breaks a constraint (NOT VALID: the stored row passes, writing it again does not).
		jdbc.sql("update relationship set state = 'LUKEWARM' where contact_id = :id").param("id", unreadable).update();
		jdbc.sql("update relationship set cadence_days = 0 where contact_id = :id").param("id", undecidable).update();
		jdbc.sql("update relationship set display_name = 'Poison' where contact_id = :id").param("id", unsavable).update();
		// Due first, as in the incident: each bad row is in the run's first batch.
		jdbc.sql("update relationship set next_evaluation_at = :due where contact_id in (:ids)")
			.param("due", ts(now.minus(Duration.ofMinutes(2))))
			.param("ids", bad)
			.update();
		jdbc.sql("alter table relationship add constraint poison_test check (display_name <> 'Poison') not valid")
			.update();
		try {
			double failuresBefore = failures("relationship");

			Instant runStart = clock.instant();
			scheduler.runOnce();
			Instant runEnd = clock.instant();

			assertThat(states()).as("every healthy row evaluated in one run, the bad ones left as they were")
				.containsEntry("DUE", (long) HEALTHY)
				.containsEntry("LUKEWARM", 1L)
				.containsEntry("WARM", 2L);
			assertThat(teamEvents("RelationshipCooling")).as("one event each, in the outbox with its state change")
				.isEqualTo(HEALTHY);
			assertThat(firedNudges()).as("and the nudges they opened fired in the same run").isEqualTo(HEALTHY);

			Map<UUID, JsonNode> recorded = failuresShown();
			assertThat(recorded).containsOnlyKeys(bad);
			assertThat(recorded.get(unreadable).get("stage").asString()).isEqualTo("READ");
			assertThat(recorded.get(unreadable).get("reason").asString()).contains("LUKEWARM");
			assertThat(recorded.get(undecidable).get("stage").asString()).isEqualTo("EVALUATE");
			assertThat(recorded.get(undecidable).get("reason").asString()).contains("cadenceDays must be positive");
			assertThat(recorded.get(unsavable).get("reason").asString()).contains("poison_test");
			assertThat(recorded.values()).allSatisfy(failure -> {
				assertThat(failure.get("kind").asString()).isEqualTo("RELATIONSHIP");
				assertThat(failure.get("attempts").asInt()).isEqualTo(1);
				assertThat(Instant.parse(failure.get("nextAttemptAt").asString()))
					.isBetween(runStart.plus(BACKOFF), runEnd.plus(BACKOFF));
			});
			assertThat(failures("relationship") - failuresBefore).isEqualTo(3);

			scheduler.runOnce();
			assertThat(attempts(bad)).as("not claimed again before the backoff").hasSize(bad.size()).containsOnly(1);

			clock.shift(BACKOFF.plusSeconds(1));
			scheduler.runOnce();
			assertThat(attempts(bad)).as("retried once the backoff passed").hasSize(bad.size()).containsOnly(2);
			assertThat(failures("relationship") - failuresBefore).isEqualTo(6);
			Instant secondRun = clock.instant();
			assertThat(failuresShown().values()).as("twice the backoff the second time").allSatisfy(failure -> assertThat(
					Instant.parse(failure.get("nextAttemptAt").asString()))
				.isBetween(secondRun.minusSeconds(60).plus(BACKOFF.multipliedBy(2)), secondRun.plus(BACKOFF.multipliedBy(2))));
			for (UUID id : bad) {
				assertThat(output.getAll().split("Set aside relationship " + id, -1)).as("logged once, with its id")
					.hasSize(2);
			}

			// Repaired (as an operator would), the rows evaluate at their next attempt and their records clear.
			jdbc.sql("update relationship set state = 'WARM' where contact_id = :id").param("id", unreadable).update();
			jdbc.sql("update relationship set cadence_days = 14 where contact_id = :id").param("id", undecidable).update();
			jdbc.sql("update relationship set display_name = 'Ivy' where contact_id = :id").param("id", unsavable).update();
			clock.shift(BACKOFF.multipliedBy(2).plusSeconds(1));
			scheduler.runOnce();
			assertThat(failuresShown()).as("a row that evaluates again clears its failure").isEmpty();
			assertThat(states()).containsOnlyKeys("DUE").containsEntry("DUE", (long) HEALTHY + 3);
		}
		finally {
			jdbc.sql("alter table relationship drop constraint poison_test").update();
			forgetTeam();
		}
	}

	@Test
	void badRemindersAreSetAsideAndEveryOtherDueOneFiresInTheSameRun(CapturedOutput output) {
		Instant now = clock.instant();
		insertDueReminders(HEALTHY + 2, now);
		List<UUID> bad = jdbc.sql("select id from reminder where team_id = :team order by id limit 2")
			.param("team", team)
			.query(UUID.class)
			.list();
		UUID unreadable = bad.get(0);
		UUID unfirable = bad.get(1);
		jdbc.sql("update reminder set detail = '[1, 2]'::jsonb where id = :id").param("id", unreadable).update();
		jdbc.sql("update reminder set title = 'Poison' where id = :id").param("id", unfirable).update();
		jdbc.sql("update reminder set due_at = :due where id in (:ids)")
			.param("due", ts(now.minus(Duration.ofMinutes(2))))
			.param("ids", bad)
			.update();
		jdbc.sql("alter table reminder add constraint poison_test check (status = 'PENDING' or title <> 'Poison') not valid")
			.update();
		try {
			double failuresBefore = failures("reminder");

			Instant runStart = clock.instant();
			scheduler.runOnce();
			Instant runEnd = clock.instant();

			assertThat(reminderStatuses()).as("every healthy reminder fired in one run, the bad ones still pending")
				.containsEntry("DUE", (long) HEALTHY)
				.containsEntry("PENDING", 2L);
			assertThat(teamReminderEvents()).isEqualTo(HEALTHY);
			Map<UUID, JsonNode> recorded = failuresShown();
			assertThat(recorded).containsOnlyKeys(bad);
			assertThat(recorded.get(unreadable).get("stage").asString()).isEqualTo("READ");
			assertThat(recorded.get(unfirable).get("stage").asString()).isEqualTo("EVALUATE");
			assertThat(recorded.get(unfirable).get("reason").asString()).contains("poison_test");
			assertThat(recorded.values()).allSatisfy(failure -> {
				assertThat(failure.get("kind").asString()).isEqualTo("REMINDER");
				assertThat(failure.get("attempts").asInt()).isEqualTo(1);
				assertThat(Instant.parse(failure.get("nextAttemptAt").asString()))
					.isBetween(runStart.plus(BACKOFF), runEnd.plus(BACKOFF));
			});
			assertThat(failures("reminder") - failuresBefore).isEqualTo(2);

			scheduler.runOnce();
			assertThat(reminderAttempts(bad)).as("not claimed again before the backoff").hasSize(bad.size()).containsOnly(1);
			clock.shift(BACKOFF.plusSeconds(1));
			scheduler.runOnce();
			assertThat(reminderAttempts(bad)).as("retried once the backoff passed").hasSize(bad.size()).containsOnly(2);
			for (UUID id : bad) {
				assertThat(output.getAll().split("Set aside reminder " + id, -1)).as("logged once, with its id")
					.hasSize(2);
			}

			jdbc.sql("update reminder set detail = '{}'::jsonb where id = :id").param("id", unreadable).update();
			jdbc.sql("update reminder set title = 'Call back' where id = :id").param("id", unfirable).update();
			clock.shift(BACKOFF.multipliedBy(2).plusSeconds(1));
			scheduler.runOnce();
			assertThat(failuresShown()).isEmpty();
			assertThat(reminderStatuses()).containsOnlyKeys("DUE");
			assertThat(teamReminderEvents()).isEqualTo(HEALTHY + 2);
		}
		finally {
			jdbc.sql("alter table reminder drop constraint poison_test").update();
			forgetTeam();
		}
	}

	/** The other test classes share this database: thousands of rows due again after their clock shifts slow them. */
	private void forgetTeam() {
		jdbc.sql("delete from reminder where team_id = :team").param("team", team).update();
		jdbc.sql("delete from relationship where team_id = :team").param("team", team).update();
	}

	/** Known, owned relationships on a 14-day cadence, created 15 days ago and due now: each turns DUE. */
	private void insertDueRelationships(int count, Instant now) {
		jdbc.sql("""
				insert into relationship (contact_id, team_id, owner_id, known, display_name, visibility, contact_version,
				  contact_created_at, cadence_days, effective_cadence_days, cadence_source, state, next_evaluation_at,
				  updated_at)
				select gen_random_uuid(), :team, :owner, true, 'Friend ' || n, 'TEAM', 1, :created, 14, 14, 'CONTACT',
				  'WARM', :due, :created
				from generate_series(1, :count) n
				""")
			.param("team", team)
			.param("owner", owner)
			.param("created", ts(now.minus(Duration.ofDays(15))))
			.param("due", ts(now.minus(Duration.ofMinutes(1))))
			.param("count", count)
			.update();
	}

	private void insertDueReminders(int count, Instant now) {
		jdbc.sql("""
				insert into reminder (id, team_id, user_id, contact_id, kind, source_key, status, due_on, due_at, title,
				  created_at, updated_at)
				select id, :team, :owner, gen_random_uuid(), 'FOLLOW_UP', 'follow-up:' || id, 'PENDING', :dueOn, :due,
				  'Send the paper', :created, :created
				from (select gen_random_uuid() as id from generate_series(1, :count)) ids
				""")
			.param("team", team)
			.param("owner", owner)
			.param("dueOn", EventFeed.date(now))
			.param("due", ts(now.minus(Duration.ofMinutes(1))))
			.param("created", ts(now.minus(Duration.ofDays(1))))
			.param("count", count)
			.update();
	}

	/** What /actuator/schedulerfailures shows of this team's rows, by id. */
	private Map<UUID, JsonNode> failuresShown() {
		ApiClient management = new ApiClient(managementPort);
		ApiClient.Response response = management.get("/actuator/schedulerfailures", TestTokens.token(owner, team));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		List<UUID> ours = jdbc.sql("""
				select contact_id from relationship where team_id = :team
				union all select id from reminder where team_id = :team
				""").param("team", team).query(UUID.class).list();
		Map<UUID, JsonNode> shown = new java.util.HashMap<>();
		for (JsonNode failure : response.json().get("failures")) {
			UUID id = UUID.fromString(failure.get("id").asString());
			if (ours.contains(id)) {
				shown.put(id, failure);
			}
		}
		return shown;
	}

	private double failures(String kind) {
		return meters.find("rapport.reminders.scheduler.failures")
			.tag("kind", kind)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private Map<String, Long> states() {
		return jdbc.sql("select state, count(*) from relationship where team_id = :team group by state")
			.param("team", team)
			.query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private Map<String, Long> reminderStatuses() {
		return jdbc.sql("select status, count(*) from reminder where team_id = :team group by status")
			.param("team", team)
			.query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private long teamEvents(String type) {
		return jdbc.sql("""
				select count(*) from outbox_event where event_type = :type
				and record_key in (select contact_id::text from relationship where team_id = :team)
				""").param("type", type).param("team", team).query(Long.class).single();
	}

	private long teamReminderEvents() {
		return jdbc.sql("""
				select count(*) from outbox_event where event_type = 'ReminderDue'
				and record_key in (select id::text from reminder where team_id = :team)
				""").param("team", team).query(Long.class).single();
	}

	private long firedNudges() {
		return jdbc.sql("""
				select count(*) from reminder where team_id = :team and kind = 'KEEP_IN_TOUCH' and status = 'DUE'
				""").param("team", team).query(Long.class).single();
	}

	private List<Integer> attempts(List<UUID> ids) {
		return jdbc.sql("select attempts from evaluation_failure where kind = 'RELATIONSHIP' and subject_id in (:ids)")
			.param("ids", ids)
			.query(Integer.class)
			.list();
	}

	private List<Integer> reminderAttempts(List<UUID> ids) {
		return jdbc.sql("select attempts from evaluation_failure where kind = 'REMINDER' and subject_id in (:ids)")
			.param("ids", ids)
			.query(Integer.class)
			.list();
	}

}
