package dev.rapport.devstack.stack;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Matcher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.rapport.devstack.stack.AccessMatrixSystemTest.Endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Thousands of malformed requests at every endpoint of every service and of the gateway (the access matrix's list),
 * through the gateway and straight at each service, sent byte for byte over a socket: NUL, other control characters
 * and unpaired surrogates in JSON strings, query parameters and paths; percent-encodings that are not UTF-8 or not
 * percent-encodings at all; ids that are not ids; truncated, deeply nested, wrongly typed or non-UTF-8 bodies;
 * unknown fields; bad content types and methods; headers with control characters or without a colon; over-long
 * URIs and headers. Every answer must be a 4xx problem+json whose {@code status} matches (never a 5xx, never HTML
 * or an empty body), and the team's rows in every database, outbox included, must be exactly as before.
 * <p>
 * Every mutation is chosen to make the request invalid (a body is only mutated where the endpoint reads one), so
 * any change to the rows is a request that should have been refused. The seed is fixed, so a failure repeats.
 */
@ExtendWith(RunningDevstack.class)
@Order(2) // before the whole flow moves every clock; see junit-platform.properties
class MalformedInputSystemTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final long SEED = 20261201L;

	/** Variants of each mutation per endpoint and target. */
	private static final int VARIANTS = 5;

	/** Besides the API: what a browser or a monitor calls, and what the services publish about themselves. */
	private static final List<Endpoint> MORE = List.of(
			new Endpoint("gateway", "GET", "/login", AccessMatrixSystemTest.Kind.LIST, null, null),
			new Endpoint("gateway", "GET", "/.well-known/jwks.json", AccessMatrixSystemTest.Kind.LIST, null, null),
			new Endpoint("gateway", "GET", "/actuator/health", AccessMatrixSystemTest.Kind.LIST, null, null),
			new Endpoint("contacts", "GET", "/v3/api-docs", AccessMatrixSystemTest.Kind.LIST, null, null),
			new Endpoint("interactions", "GET", "/actuator/health", AccessMatrixSystemTest.Kind.LIST, null, null),
			new Endpoint("reminders", "GET", "/actuator/prometheus", AccessMatrixSystemTest.Kind.LIST, null, null));

	private static RunningDevstack devstack;

	private static UUID team;

	private static Map<String, String> ids;

	private static String gatewayToken;

	private static String directToken;

	/** Ways to break a request; each yields the request's head and body for an endpoint, or null where it does not apply. */
	enum Mutation {

		ID_NOT_AN_ID, ENCODED_CONTROL_IN_PATH, AMBIGUOUS_PATH, RAW_BAD_PATH_CHARACTER, BAD_QUERY_TEXT,
		BAD_PERCENT_ENCODING, OVERLONG_URI, NUL_IN_JSON_STRING, SURROGATE_IN_JSON_STRING, CONTROL_IN_JSON_STRING,
		TRUNCATED_JSON, NOT_UTF8_BODY, DEEPLY_NESTED_JSON, WRONG_TYPE, UNKNOWN_FIELD, BAD_CONTENT_TYPE,
		CONTROL_IN_HEADER, HEADER_WITHOUT_COLON, BAD_ACCEPT, HUGE_HEADER, BAD_METHOD

	}

	record Target(String name, URI base, boolean gateway) {
	}

	record Sent(String what, RawHttp.Response response) {
	}

	@BeforeAll
	static void aTeamOfItsOwnWithOneOfEverything() {
		devstack = RunningDevstack.get();
		URI gateway = devstack.gateway();
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String email = "fuzz-" + suffix + "@rapport.local";
		String password = "fuzz password " + suffix;
		devstack.signInAsAdmin().createTeam("Fuzz " + suffix, email, password);
		GatewayClient admin = GatewayClient.signIn(gateway, email, password);
		gatewayToken = admin.createAccessToken("fuzz");
		JsonNode me = JSON.readTree(admin.call("GET", "/api/me", null).body());
		team = UUID.fromString(me.get("teamId").asString());
		directToken = devstack.identity()
			.token(UUID.fromString(me.get("id").asString()), team, Set.of("admin"), Duration.ofHours(1),
					Clock.systemUTC());
		String bearer = "Bearer " + gatewayToken;

		String contact = JSON.readTree(SystemHttp.send(gateway, "POST", "/api/contacts", bearer,
				"{\"displayName\": \"Fuzz contact\", \"visibility\": \"TEAM\", \"cadence\": {\"tier\": \"CLOSE\"}}",
				"application/json").body()).get("id").asString();
		HttpResponse<String> logged = SystemHttp.send(gateway, "POST", "/api/interactions", bearer,
				"{\"participantIds\": [\"%s\"], \"type\": \"CALL\", \"timeZone\": \"UTC\", \"summary\": \"Fuzz\", "
					.formatted(contact) + "\"followUps\": [{\"text\": \"Send notes\", \"dueOn\": \"%s\", \"owedBy\": \"ME\"}]}"
						.formatted(LocalDate.now(ZoneOffset.UTC)),
				"application/json");
		assertThat(logged.statusCode()).as(logged.body()).isEqualTo(201);
		JsonNode interaction = JSON.readTree(logged.body());
		String reminder = devstack.awaitReminderFor(bearer, contact);
		String member = JSON.readTree(admin.call("POST", "/api/team/members",
				"{\"email\": \"fuzz-member-%s@rapport.local\", \"displayName\": \"Fuzz member\"}".formatted(suffix))
			.body()).get("member").get("id").asString();
		String token = JSON.readTree(admin.call("GET", "/api/me/tokens", null).body()).get(0).get("id").asString();
		ids = Map.of("contact", contact, "interaction", interaction.get("id").asString(), "followUp",
				interaction.get("followUps").get(0).get("id").asString(), "reminder", reminder, "member", member,
				"token", token, "unique", suffix);
	}

	@Test
	void noMalformedRequestAnswers5xxOrWithoutProblemJsonAndNoneChangesAnything() throws Exception {
		// The setup's own events have settled once two readings a few seconds apart agree.
		Map<String, Long> before = await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(3))
			.until(new StableCounts()::next, counts -> counts != null);

		Random random = new Random(SEED);
		List<String> violations = new ArrayList<>();
		Map<String, Integer> statuses = new TreeMap<>();
		Map<Mutation, Integer> perMutation = new LinkedHashMap<>();
		int sent = 0;
		List<Endpoint> endpoints = new ArrayList<>(AccessMatrixSystemTest.endpoints());
		endpoints.addAll(MORE);
		for (Endpoint endpoint : endpoints) {
			if (endpoint.kind() == AccessMatrixSystemTest.Kind.OWN_ACCOUNT) {
				// A password change proves who is calling: its wrong guesses count against the sign-in limit of
				// this address, which the later system tests sign in from. The access matrix covers it.
				continue;
			}
			for (Target target : targets(endpoint)) {
				for (Mutation mutation : Mutation.values()) {
					for (int variant = 0; variant < VARIANTS; variant++) {
						String[] request = request(endpoint, mutation, random);
						if (request == null) {
							continue;
						}
						String authorization = "Bearer " + (target.gateway() ? gatewayToken : directToken);
						Sent answer = send(target, request, authorization);
						sent++;
						perMutation.merge(mutation, 1, Integer::sum);
						statuses.merge(Integer.toString(answer.response().status()), 1, Integer::sum);
						check(endpoint + " via " + target.name() + ", " + mutation + ": " + answer.what(),
								answer.response(), violations);
					}
				}
			}
		}
		System.out.printf("malformed input: %d requests, %d mutations, statuses %s; per mutation %s%n", sent,
				Mutation.values().length, statuses, perMutation);

		assertThat(sent).as("requests sent").isGreaterThan(3_000);
		assertThat(violations).as("%d malformed requests; these answered wrongly", sent).isEmpty();
		assertThat(counts()).as("the team's rows in every database, outbox included").isEqualTo(before);
	}

	private static List<Target> targets(Endpoint endpoint) {
		List<Target> targets = new ArrayList<>(List.of(new Target("gateway", devstack.gateway(), true)));
		if (!endpoint.gatewayOnly()) {
			targets.add(new Target(endpoint.service(), devstack.url(endpoint.service()), false));
		}
		return targets;
	}

	/** The request line's method and target, extra header lines, and body, for one mutation; null if it cannot apply. */
	private static String[] request(Endpoint endpoint, Mutation mutation, Random random) {
		String path = fill(endpoint.path());
		String body = endpoint.body() == null ? null : fill(endpoint.body());
		String contentType = endpoint.contentType() != null ? endpoint.contentType() : "application/json";
		String method = endpoint.method();
		String headers = "";
		boolean hasId = endpoint.path().contains("{");
		switch (mutation) {
			case ID_NOT_AN_ID -> {
				if (!hasId) {
					return null;
				}
				path = endpoint.path().replaceAll("\\{[a-zA-Z]+}", pick(random, "not-a-uuid", "0", "%E2%82%AC",
						"00000000-0000-0000-0000-00000000000g", "x".repeat(300), "%F0%9F%98%80", "-1", "null"));
				path = fill(path);
			}
			case ENCODED_CONTROL_IN_PATH -> path = path + "/" + pick(random, "%00", "a%01b", "%1B[31m", "%7F",
					"%C2%85");
			case AMBIGUOUS_PATH -> path = pick(random, path + "/%25", path + "%2F..", "/" + path,
					path + ";jsessionid=1", path + "/%2e%2e/x", path + "/%5C");
			case RAW_BAD_PATH_CHARACTER -> path = path + pick(random, "/a\\b", "/a|b", "/{x}", "/a^b", "/%", "/%G1",
					"/`");
			case BAD_QUERY_TEXT -> path = path + "?" + pick(random, "q=a%00b", "page=%01", "tz=Europe%2FParis%00",
					"x%00=1", "q=%ED%A0%80", "size=1%00", "q=%C2%9B");
			case BAD_PERCENT_ENCODING -> path = path + "?" + pick(random, "q=%C3%28", "q=%G1", "q=%", "q=%E2%82",
					"q=%FF%FE", "page=1&q=%C0%AF");
			case OVERLONG_URI -> path = path + "?q=" + "a".repeat(pick(random, 10_000, 20_000, 70_000));
			case NUL_IN_JSON_STRING -> body = body == null ? null : injectIntoString(body, random, "\\u0000");
			case SURROGATE_IN_JSON_STRING -> body = body == null ? null
					: injectIntoString(body, random, pick(random, "\\ud800", "\\udfff", "\\ud83d"));
			case CONTROL_IN_JSON_STRING -> body = body == null ? null
					: injectIntoString(body, random, pick(random, "\\u0001", "\\u001b[2J", "\\u007f", "\\u0085"));
			case TRUNCATED_JSON -> body = body == null ? null
					: body.substring(0, Math.max(1, random.nextInt(Math.max(1, body.length() - 1))));
			case NOT_UTF8_BODY -> body = body == null ? null : injectIntoString(body, random, "\u00c3\u0028");
			case DEEPLY_NESTED_JSON -> {
				if (body == null) {
					return null;
				}
				int depth = pick(random, 1_500, 5_000, 20_000);
				body = body.replaceFirst(":", ": " + "[".repeat(depth) + "1" + "]".repeat(depth) + ", \"_\":");
			}
			case WRONG_TYPE -> body = body == null ? null
					: body.replaceFirst(":\\s*(\"[^\"]*\"|\\[[^\\]]*\\]|\\{[^}]*}|[0-9a-z]+)",
							Matcher.quoteReplacement(": {\"$unexpected\": [1, {\"nested\": true}]}"));
			case UNKNOWN_FIELD -> body = body == null ? null
					: body.replaceFirst("\\{", "{" + pick(random, "\"__proto__\": {}, ", "\"id\": \"x\", ",
							"\"teamId\": \"%s\", ".formatted(UUID.randomUUID()), "\"unexpected\\u0000\": 1, "));
			case BAD_CONTENT_TYPE -> {
				if (body == null) {
					return null;
				}
				contentType = pick(random, "application/json; charset=utf-9", "text/html",
						"application/x-www-form-urlencoded", "multipart/form-data; boundary=", "application/",
						"\u0000");
			}
			case CONTROL_IN_HEADER -> headers = pick(random, "X-Note: a\u0001b\r\n", "X-Note: a\u0000b\r\n",
					"If-Match: \"1\u0007\"\r\n");
			// (Not a folded line: RFC 9112 lets a server unfold it into the header before.)
			case HEADER_WITHOUT_COLON -> headers = pick(random, "No colon here\r\n", "Bad Name: x\r\n",
					": no name\r\n");
			case BAD_ACCEPT -> {
				// An error must be problem+json even for a client that asks for something else, or for nonsense.
				path = path + "/%00";
				headers = pick(random, "Accept: text/html\r\n", "Accept: application/json leading-space: x\r\n",
						"Accept: image/png\r\n", "Accept: */;q=x\r\n");
			}
			case HUGE_HEADER -> headers = "X-Huge: " + "h".repeat(pick(random, 10_000, 70_000)) + "\r\n";
			case BAD_METHOD -> method = pick(random, "FOO", "G@T", "PROPFIND", "TRACE");
		}
		if (mutation.ordinal() >= Mutation.NUL_IN_JSON_STRING.ordinal()
				&& mutation.ordinal() <= Mutation.BAD_CONTENT_TYPE.ordinal() && body == null) {
			return null;
		}
		String bodyHeaders = body == null ? "" : "Content-Type: " + contentType + "\r\n";
		return new String[] { method + " " + path, headers + bodyHeaders, body == null ? "" : body };
	}

	private static Sent send(Target target, String[] request, String authorization) {
		String accept = request[1].startsWith("Accept:") ? "" : "Accept: application/json\r\n";
		String head = request[0] + " HTTP/1.1\r\nAuthorization: " + authorization + "\r\n" + accept + request[1];
		head = head.endsWith("\r\n") ? head.substring(0, head.length() - 2) : head;
		// Bodies are sent as UTF-8, except the mutation that puts a lone 0xC3 byte (Latin-1 'Ã') in one.
		byte[] body = request[2].contains("\u00c3\u0028") ? request[2].getBytes(StandardCharsets.ISO_8859_1)
				: request[2].getBytes(StandardCharsets.UTF_8);
		String what = request[0].length() > 120 ? request[0].substring(0, 120) + "..." : request[0];
		return new Sent(what, RawHttp.send(target.base(), head, body));
	}

	private static void check(String where, RawHttp.Response response, List<String> violations) {
		int status = response.status();
		String body = response.body();
		String shown = body.length() > 200 ? body.substring(0, 200) : body;
		if (status >= 500) {
			violations.add("5xx: %s -> %d %s".formatted(where, status, shown));
			return;
		}
		if (status < 400) {
			violations.add("accepted: %s -> %d %s".formatted(where, status, shown));
			return;
		}
		if (!response.contentType().startsWith("application/problem+json")) {
			violations.add("not problem+json: %s -> %d %s %s".formatted(where, status, response.contentType(), shown));
			return;
		}
		try {
			JsonNode problem = JSON.readTree(body);
			if (problem.path("status").asInt() != status || problem.path("title").asString().isEmpty()) {
				violations.add("problem without its status or title: %s -> %d %s".formatted(where, status, shown));
			}
			if (body.contains("Exception") || body.contains("at java.") || body.contains("org.springframework")) {
				violations.add("internals shown: %s -> %s".formatted(where, shown));
			}
		}
		catch (RuntimeException ex) {
			violations.add("unreadable problem: %s -> %d %s".formatted(where, status, shown));
		}
	}

	/** Puts {@code text} inside the first JSON string value of {@code body} (after a colon), or into its first key. */
	private static String injectIntoString(String body, Random random, String text) {
		int colon = body.indexOf(':');
		int open = colon < 0 ? -1 : body.indexOf('"', colon);
		if (open < 0) {
			open = body.indexOf('"');
		}
		if (open < 0) {
			return body + text;
		}
		int close = body.indexOf('"', open + 1);
		int at = open + 1 + (close > open + 1 ? random.nextInt(close - open) : 0);
		return body.substring(0, at) + text + body.substring(at);
	}

	private static String fill(String template) {
		String filled = template;
		for (Map.Entry<String, String> id : ids.entrySet()) {
			filled = filled.replace("{" + id.getKey() + "}", id.getValue());
		}
		return filled;
	}

	@SafeVarargs
	private static <T> T pick(Random random, T... choices) {
		return choices[random.nextInt(choices.length)];
	}

	/** Reads the counts until two readings agree. */
	private static final class StableCounts {

		private Map<String, Long> last;

		Map<String, Long> next() throws Exception {
			Map<String, Long> now = counts();
			boolean stable = now.equals(last);
			last = now;
			return stable ? now : null;
		}

	}

	/** The fuzz team's rows in each service's tables, and its events in each outbox. */
	private static Map<String, Long> counts() throws Exception {
		Map<String, Long> counts = new TreeMap<>();
		BiFunction<String, String, String> byTeam = (table, column) -> "select count(*) from " + table + " where "
				+ column + " = ?";
		String outbox = "select count(*) from outbox_event where payload::text like '%' || ? || '%'";
		Map<String, List<String>> queries = Map.of("contacts",
				List.of(byTeam.apply("contact", "team_id"), outbox), "interactions",
				List.of(byTeam.apply("interaction", "team_id"), byTeam.apply("contact_replica", "team_id"), outbox),
				"reminders",
				List.of(byTeam.apply("relationship", "team_id"), byTeam.apply("reminder", "team_id"),
						byTeam.apply("interaction", "team_id"), outbox),
				"gateway", List.of(byTeam.apply("member", "team_id"),
						"select count(*) from access_token where member_id in (select id from member where team_id = ?)",
						"select count(*) from team where id = ?"));
		for (Map.Entry<String, List<String>> database : queries.entrySet()) {
			try (Connection connection = DriverManager.getConnection(devstack.ports().jdbcUrl(database.getKey()),
					Postgres.USER, Postgres.PASSWORD)) {
				for (String sql : database.getValue()) {
					try (PreparedStatement statement = connection.prepareStatement(sql)) {
						if (sql.contains("like")) {
							statement.setString(1, team.toString());
						}
						else {
							statement.setObject(1, team);
						}
						try (ResultSet result = statement.executeQuery()) {
							result.next();
							counts.put(database.getKey() + ": " + sql, result.getLong(1));
						}
					}
				}
			}
		}
		return counts;
	}

}
