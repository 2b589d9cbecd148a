package dev.rapport.devstack.stack;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.rapport.devstack.tools.DevClock;
import dev.rapport.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * analytics-service counts what the databases hold. Two teammates spend a simulated month (the shared dev clock moves
 * 3 or 4 days at a time, 35 days in all) talking to eight people of different rhythms, some drifting away: they log
 * conversations in four time zones, promise follow-ups, keep some on time, some late, break others; one conversation is
 * deleted; reminders-service's scheduler lets relationships cool and the conversations rewarm them. Then every week's
 * figures of {@code GET /api/insights/weekly}, for the team and for each member, equal a count made from the
 * databases: conversations, people reached and follow-ups by SQL on interactions-service's tables, cooling episodes from
 * the decisions reminders-service recorded in its outbox (by the rules of analytics-service's README); and the
 * single-owner-risk list equals the contacts one author alone has talked to.
 */
@ExtendWith(RunningDevstack.class)
@Order(6) // moves every clock 35 days ahead: after the browser tests; before the key rotation (junit-platform.properties)
class InsightsMatchTheDatabasesSystemTest {

	private static final Duration PIPELINE = Duration.ofSeconds(90);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> ZONES = List.of("Europe/Paris", "America/Los_Angeles", "Asia/Tokyo", "UTC");

	private static final Set<String> WARMISH = Set.of("WARM", "DUE");

	private static final Set<String> COOLISH = Set.of("COOLING", "COLD");

	/** The key of a team's own figures in a week, beside its members' ids. */
	private static final String TEAM = "team";

	private final RunningDevstack devstack = RunningDevstack.get();

	private final UUID team = UUID.randomUUID();

	private final List<UUID> members = List.of(UUID.randomUUID(), UUID.randomUUID());

	private final Map<UUID, String> tokens = new HashMap<>();

	private final Random random = new Random(20261202);

	@Test
	void aMonthOfConversationsFollowUpsAndCoolingCountsAsTheDatabasesDo() throws SQLException {
		members.forEach(member -> tokens.put(member, devstack.identity()
			.token(member, team, Set.of("member"), Duration.ofHours(2), Clock.systemUTC())));
		// How likely each is to be talked to at a step, and the rhythm asked for: the last ones drift away.
		double[] attention = { 0.9, 0.7, 0.6, 0.5, 0.35, 0.25, 0.15, 0.1 };
		int[] cadenceDays = { 5, 7, 10, 5, 7, 10, 5, 7 };
		List<UUID> contacts = new ArrayList<>();
		for (int i = 0; i < attention.length; i++) {
			contacts.add(id(call(members.get(i % 2), "POST", "contacts", "/api/contacts", """
					{"displayName": "Person %d", "visibility": "TEAM", "cadence": {"days": %d}}
					""".formatted(i, cadenceDays[i]), 201)));
		}
		List<Logged> logged = new ArrayList<>();
		List<Promise> open = new ArrayList<>();
		for (int step = 0; step < 10; step++) {
			if (step > 0) {
				assertThat(new DevClock(devstack.dataDir(), devstack.identity(), devstack.console())
					.run(Duration.ofDays(step % 2 == 0 ? 3 : 4))).as("every service's clock moved").isZero();
			}
			Instant now = clockNow();
			for (int i = 0; i < contacts.size(); i++) {
				if (random.nextDouble() < attention[i]) {
					logged.add(logConversation(contacts, i, now, open));
				}
			}
			for (Iterator<Promise> promises = open.iterator(); promises.hasNext();) {
				Promise promise = promises.next();
				if (random.nextDouble() < 0.3) {
					call(promise.author(), "POST", "interactions", "/api/interactions/%s/follow-ups/%s/complete"
						.formatted(promise.interaction(), promise.followUp()), null, 200);
					promises.remove();
				}
			}
			if (step == 5) {
				Logged gone = logged.remove(random.nextInt(logged.size()));
				call(gone.author(), "DELETE", "interactions", "/api/interactions/" + gone.id(), null, 204);
				open.removeIf(promise -> promise.interaction().equals(gone.id()));
			}
			awaitReminders(contacts);
		}

		await().atMost(PIPELINE).untilAsserted(() -> {
			Instant now = clockNow();
			Map<LocalDate, Map<String, Figures>> reported = reportedWeeks(8);
			assertThat(reported).hasSize(8);
			assertThat(reported).isEqualTo(countedWeeks(reported.keySet(), LocalDate.ofInstant(now, ZoneOffset.UTC)));
			assertThat(reportedSingleOwnerRisk()).isEqualTo(countedSingleOwnerRisk());
		});
		Map<String, Figures> month = total(reportedWeeks(8));
		assertThat(month.get(TEAM).conversations()).as("the month had conversations").isGreaterThan(20);
		assertThat(month.get(TEAM).enteredCooling()).as("relationships cooled").isPositive();
		assertThat(month.get(TEAM).rewarmed()).as("and rewarmed").isPositive();
		assertThat(month.get(TEAM).onTime()).as("follow-ups kept on time").isPositive();
		assertThat(month.get(TEAM).late()).as("late").isPositive();
		assertThat(month.get(TEAM).broken()).as("broken").isPositive();
		assertThat(month).as("both members have figures").containsKeys(members.get(0).toString(),
				members.get(1).toString());
	}

	/** One conversation with contact {@code i} (and now and then another), by its owner mostly, at most 2 days ago. */
	private Logged logConversation(List<UUID> contacts, int i, Instant now, List<Promise> open) {
		UUID author = random.nextDouble() < 0.7 ? members.get(i % 2) : members.get((i + 1) % 2);
		List<UUID> participants = new ArrayList<>(List.of(contacts.get(i)));
		UUID other = contacts.get(random.nextInt(contacts.size()));
		if (random.nextDouble() < 0.2 && !participants.contains(other)) {
			participants.add(other);
		}
		String zone = ZONES.get(random.nextInt(ZONES.size()));
		Instant happenedAt = now.minus(random.nextInt(48 * 60), ChronoUnit.MINUTES);
		String followUps = "[]";
		boolean promised = random.nextDouble() < 0.6;
		if (promised) {
			LocalDate dueOn = LocalDate.ofInstant(now, ZoneId.of(zone)).plusDays(random.nextInt(-1, 6));
			String owedBy = random.nextDouble() < 0.8 ? "ME" : "THEM";
			followUps = random.nextDouble() < 0.1 ? """
					[{"text": "Send the article", "owedBy": "%s"}]""".formatted(owedBy) : """
					[{"text": "Send the article", "owedBy": "%s", "dueOn": "%s"}]""".formatted(owedBy, dueOn);
		}
		JsonNode interaction = call(author, "POST", "interactions", "/api/interactions", """
				{"participantIds": %s, "type": "CALL", "happenedAt": "%s", "timeZone": "%s", "summary": "Caught up",
				 "followUps": %s}
				""".formatted(participants.stream().map(id -> "\"" + id + "\"").toList(), happenedAt, zone, followUps),
				201);
		UUID id = id(interaction);
		if (promised) {
			open.add(new Promise(author, id, UUID.fromString(interaction.get("followUps").get(0).get("id").asString())));
		}
		return new Logged(author, id);
	}

	/**
	 * Until reminders-service holds every conversation's latest touch and its scheduler has looked at every relationship
	 * due by the clock: the cooling this step brings is decided before the clock moves on.
	 */
	private void awaitReminders(List<UUID> contacts) throws SQLException {
		Map<UUID, Instant> lastTouch = new HashMap<>();
		try (Connection interactions = Service.INTERACTIONS.openDatabase(devstack.ports());
				PreparedStatement query = interactions.prepareStatement("""
						select p, max(happened_at) from interaction cross join unnest(participant_ids) p
						where team_id = ? group by p""")) {
			query.setObject(1, team);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					lastTouch.put(rows.getObject(1, UUID.class), rows.getTimestamp(2).toInstant());
				}
			}
		}
		await().atMost(PIPELINE).untilAsserted(() -> {
			Map<UUID, Instant> known = new HashMap<>();
			long due;
			try (Connection reminders = Service.REMINDERS.openDatabase(devstack.ports())) {
				try (PreparedStatement query = reminders.prepareStatement(
						"select contact_id, last_interaction_at from relationship where team_id = ? and known")) {
					query.setObject(1, team);
					try (ResultSet rows = query.executeQuery()) {
						while (rows.next()) {
							if (rows.getTimestamp(2) != null) {
								known.put(rows.getObject(1, UUID.class), rows.getTimestamp(2).toInstant());
							}
						}
					}
				}
				try (PreparedStatement query = reminders.prepareStatement(
						"select count(*) from relationship where team_id = ? and next_evaluation_at <= ?")) {
					query.setObject(1, team);
					query.setObject(2, java.sql.Timestamp.from(clockNow()));
					try (ResultSet rows = query.executeQuery()) {
						rows.next();
						due = rows.getLong(1);
					}
				}
			}
			assertThat(known).as("every conversation reached reminders-service").isEqualTo(lastTouch);
			assertThat(due).as("relationships due by the clock, not yet evaluated").isZero();
		});
		assertThat(lastTouch.keySet()).isSubsetOf(contacts);
	}

	/** Each week's figures by SQL on interactions-service's tables and reminders-service's recorded decisions. */
	private Map<LocalDate, Map<String, Figures>> countedWeeks(Set<LocalDate> weeks, LocalDate today)
			throws SQLException {
		Map<LocalDate, Map<String, Tally>> tallies = new TreeMap<>();
		weeks.forEach(week -> tallies.put(week, new TreeMap<>(Map.of(TEAM, new Tally()))));
		try (Connection interactions = Service.INTERACTIONS.openDatabase(devstack.ports())) {
			// grouping sets: a row per week and author, and per week for the team (author null).
			query(interactions, """
					select date_trunc('week', i.happened_at at time zone 'UTC')::date, i.author_id,
					       count(distinct i.id), count(distinct p)
					from interaction i cross join unnest(i.participant_ids) p
					where i.team_id = ?
					group by grouping sets ((1, 2), (1))""", List.of(team), row -> {
				Tally tally = tally(tallies, row.getObject(1, LocalDate.class), row.getObject(2, UUID.class));
				tally.conversations = row.getLong(3);
				tally.peopleReached = row.getLong(4);
			});
			query(interactions, """
					with promise as (
					  select i.author_id, (f->>'dueOn')::date as due_on,
					         ((f->>'completedAt')::timestamptz at time zone i.time_zone)::date as done_on
					  from interaction i cross join jsonb_array_elements(i.follow_ups) f
					  where i.team_id = ? and f->>'owedBy' = 'ME' and f->>'dueOn' is not null)
					select date_trunc('week', due_on::timestamp)::date, author_id,
					       count(*) filter (where done_on <= due_on),
					       count(*) filter (where done_on > due_on),
					       count(*) filter (where done_on is null and due_on + 7 > ?),
					       count(*) filter (where done_on is null and due_on + 7 <= ?)
					from promise
					group by grouping sets ((1, 2), (1))""", List.of(team, today, today), row -> {
				Tally tally = tally(tallies, row.getObject(1, LocalDate.class), row.getObject(2, UUID.class));
				tally.onTime = row.getLong(3);
				tally.late = row.getLong(4);
				tally.open = row.getLong(5);
				tally.broken = row.getLong(6);
			});
		}
		countCoolingEpisodes(tallies);
		Map<LocalDate, Map<String, Figures>> figures = new TreeMap<>();
		tallies.forEach((week, byKey) -> {
			if (weeks.contains(week)) {
				Map<String, Figures> some = new TreeMap<>();
				byKey.forEach((key, tally) -> some.put(key, tally.figures()));
				some.values().removeIf(Figures.NONE::equals);
				figures.put(week, some);
			}
		});
		return figures;
	}

	/**
	 * The cooling episodes of the team's relationships, from the RelationshipCooling and RelationshipRewarmed events
	 * reminders-service committed with its decisions (its outbox, in commit order): an episode opens when a relationship
	 * enters COOLING or COLD from WARM or DUE and closes when it is WARM again; counted in the week it entered (with
	 * whether it recovered since) and the week it rewarmed (with how long it cooled), for the relationship's owner.
	 */
	private void countCoolingEpisodes(Map<LocalDate, Map<String, Tally>> tallies) throws SQLException {
		record Episode(Instant since, LocalDate week, UUID owner) {
		}
		Map<String, Episode> cooling = new HashMap<>();
		try (Connection reminders = Service.REMINDERS.openDatabase(devstack.ports())) {
			query(reminders, """
					select payload from outbox_event
					where topic = ? and event_type in ('RelationshipCooling', 'RelationshipRewarmed')
					  and payload::jsonb->>'teamId' = ? order by id""", List.of(Topics.RELATIONSHIPS, team.toString()),
					row -> {
						JsonNode event = JSON.readTree(row.getString(1));
						String contact = event.get("contactId").asString();
						UUID owner = UUID.fromString(event.get("ownerId").asString());
						Instant at = Instant.parse(event.get("occurredAt").asString()).truncatedTo(ChronoUnit.MILLIS);
						LocalDate week = mondayOf(LocalDate.ofInstant(at, ZoneOffset.UTC));
						String from = event.get("previousState").asString();
						String to = event.has("state") ? event.get("state").asString() : "WARM";
						if (COOLISH.contains(to) && WARMISH.contains(from) && !cooling.containsKey(contact)) {
							cooling.put(contact, new Episode(at, week, owner));
							tally(tallies, week, null).entered++;
							tally(tallies, week, owner).entered++;
						}
						else if (to.equals("WARM") && COOLISH.contains(from) && cooling.containsKey(contact)) {
							Episode episode = cooling.remove(contact);
							tally(tallies, episode.week(), null).recovered++;
							tally(tallies, episode.week(), episode.owner()).recovered++;
							long cooledFor = Duration.between(episode.since(), at).toMillis();
							tally(tallies, week, null).cooledMillis.add(cooledFor);
							tally(tallies, week, owner).cooledMillis.add(cooledFor);
						}
					});
		}
	}

	/** Every week's figures as analytics-service reports them, for the team and each member it lists. */
	private Map<LocalDate, Map<String, Figures>> reportedWeeks(int weeks) {
		JsonNode report = call(members.getFirst(), "GET", "analytics", "/api/insights/weekly?weeks=" + weeks, null, 200);
		Map<LocalDate, Map<String, Figures>> figures = new TreeMap<>();
		for (JsonNode week : report.get("weeks")) {
			Map<String, Figures> byKey = new TreeMap<>();
			byKey.put(TEAM, Figures.of(week.get("team")));
			for (JsonNode member : week.get("members")) {
				byKey.put(member.get("memberId").asString(), Figures.of(member));
			}
			byKey.values().removeIf(Figures.NONE::equals);
			figures.put(LocalDate.parse(week.get("weekStart").asString()), byKey);
		}
		return figures;
	}

	/** Contact to its only author and when they last talked, from the 90 days up to the clock. */
	private Map<String, String> countedSingleOwnerRisk() throws SQLException {
		Map<String, String> risk = new TreeMap<>();
		try (Connection interactions = Service.INTERACTIONS.openDatabase(devstack.ports())) {
			query(interactions, """
					select p, min(author_id::text), max(happened_at)
					from interaction cross join unnest(participant_ids) p
					where team_id = ? and happened_at > ?
					group by p having count(distinct author_id) = 1""",
					List.of(team, java.sql.Timestamp.from(clockNow().minus(Duration.ofDays(90)))),
					row -> risk.put(row.getString(1), row.getString(2) + " "
							+ row.getTimestamp(3).toInstant().truncatedTo(ChronoUnit.MILLIS)));
		}
		return risk;
	}

	private Map<String, String> reportedSingleOwnerRisk() {
		Map<String, String> risk = new TreeMap<>();
		JsonNode page = call(members.getFirst(), "GET", "analytics", "/api/insights/single-owner-risk?limit=200", null,
				200);
		assertThat(page.get("nextCursor").isNull()).as("one page holds them").isTrue();
		for (JsonNode item : page.get("items")) {
			risk.put(item.get("contactId").asString(), item.get("memberId").asString() + " "
					+ Instant.parse(item.get("lastTalkedAt").asString()));
		}
		return risk;
	}

	/** The month's figures added up per key (team or member), for the counts that add up. */
	private static Map<String, Figures> total(Map<LocalDate, Map<String, Figures>> weeks) {
		Map<String, Figures> total = new TreeMap<>();
		weeks.values().forEach(week -> week.forEach((key, figures) -> total.merge(key, figures, Figures::plus)));
		return total;
	}

	private Instant clockNow() {
		JsonNode clock = JSON.readTree(SystemHttp.send(devstack.managementUrl("analytics"), "GET", "/actuator/clock",
				"Bearer " + devstack.identity().demoToken(Clock.systemUTC()), null, null).body());
		return Instant.parse(clock.get("now").asString());
	}

	private static Tally tally(Map<LocalDate, Map<String, Tally>> tallies, LocalDate week, UUID member) {
		return tallies.computeIfAbsent(week, key -> new TreeMap<>())
			.computeIfAbsent(member == null ? TEAM : member.toString(), key -> new Tally());
	}

	private static LocalDate mondayOf(LocalDate day) {
		return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
	}

	private static void query(Connection connection, String sql, List<Object> parameters, Row row)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.size(); i++) {
				statement.setObject(i + 1, parameters.get(i));
			}
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					row.accept(rows);
				}
			}
		}
	}

	private JsonNode call(UUID member, String method, String service, String path, String body, int expectedStatus) {
		HttpResponse<String> response = SystemHttp.send(devstack.url(service), method, path,
				"Bearer " + tokens.get(member), body, body == null ? null : "application/json");
		assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
		return response.body().isEmpty() ? null : JSON.readTree(response.body());
	}

	private static UUID id(JsonNode resource) {
		return UUID.fromString(resource.get("id").asString());
	}

	@FunctionalInterface
	private interface Row {

		void accept(ResultSet row) throws SQLException;

	}

	private record Logged(UUID author, UUID id) {
	}

	private record Promise(UUID author, UUID interaction, UUID followUp) {
	}

	/** One week's figures for the team or a member, as the report names them. */
	private record Figures(long conversations, long peopleReached, long enteredCooling, long rewarmed,
			Double recoveryRate, Double medianDaysToRewarm, long onTime, long late, long open, long broken,
			Double followThroughRate) {

		static final Figures NONE = new Figures(0, 0, 0, 0, null, null, 0, 0, 0, 0, null);

		static Figures of(JsonNode counts) {
			JsonNode followUps = counts.get("followUps");
			return new Figures(counts.get("conversations").asLong(), counts.get("peopleReached").asLong(),
					counts.get("enteredCooling").asLong(), counts.get("rewarmed").asLong(),
					number(counts.get("recoveryRate")), number(counts.get("medianDaysToRewarm")),
					followUps.get("onTime").asLong(), followUps.get("late").asLong(), followUps.get("open").asLong(),
					followUps.get("broken").asLong(), number(counts.get("followThroughRate")));
		}

		private static Double number(JsonNode value) {
			return value == null || value.isNull() ? null : value.asDouble();
		}

		Figures plus(Figures other) {
			return new Figures(conversations + other.conversations, peopleReached + other.peopleReached,
					enteredCooling + other.enteredCooling, rewarmed + other.rewarmed, null, null,
					onTime + other.onTime, late + other.late, open + other.open, broken + other.broken, null);
		}

	}

	/** What the databases say of one week for the team or a member, as the report's definitions count it. */
	private static final class Tally {

		long conversations;

		long peopleReached;

		long entered;

		long recovered;

		final List<Long> cooledMillis = new ArrayList<>();

		long onTime;

		long late;

		long open;

		long broken;

		Figures figures() {
			long kept = onTime + late + broken;
			return new Figures(conversations, peopleReached, entered, cooledMillis.size(),
					entered == 0 ? null : rate(recovered, entered), medianDays(), onTime, late, open, broken,
					kept == 0 ? null : rate(onTime, kept));
		}

		private Double medianDays() {
			if (cooledMillis.isEmpty()) {
				return null;
			}
			List<Long> sorted = cooledMillis.stream().sorted().toList();
			int middle = sorted.size() / 2;
			long median = sorted.size() % 2 == 1 ? sorted.get(middle)
					: (sorted.get(middle - 1) + sorted.get(middle)) / 2;
			return Math.round(median / 8_640_000.0) / 10.0;
		}

		private static double rate(long part, long whole) {
			return Math.round(part * 10_000.0 / whole) / 10_000.0;
		}

	}

}
