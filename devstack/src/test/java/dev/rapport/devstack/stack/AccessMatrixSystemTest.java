package dev.rapport.devstack.stack;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import dev.rapport.tokens.TokenSigner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of every service and of the gateway, called through the gateway and straight at each service, with
 * every kind of caller: the owner's team, another team, and no, expired, wrong-issuer, wrong-audience, unsigned
 * ({@code alg: none}), tampered or revoked credentials. Never a 2xx where it does not belong, never a 5xx; lists
 * never show another team's rows; and nothing the refused calls tried was changed.
 */
@ExtendWith(RunningDevstack.class)
@Order(1) // first: see junit-platform.properties for the order of the system tests
class AccessMatrixSystemTest {

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private static final AtomicInteger UNIQUE = new AtomicInteger();

	/** Who calls. */
	enum Caller {

		OWN_TEAM,
		/** A plain member of the owner's team (role member): reads the team's contacts, changes only what is theirs. */
		TEAM_MEMBER, OTHER_TEAM, NO_TOKEN, EXPIRED, WRONG_ISSUER, WRONG_AUDIENCE, ALG_NONE, TAMPERED, REVOKED_ACCESS_TOKEN,
		/** A valid personal access token sent past the gateway: services take only what the gateway signed. */
		ACCESS_TOKEN_STRAIGHT_TO_SERVICE

	}

	/** What an endpoint does, which decides what another team may see of it. */
	enum Kind {

		/** Reads or changes team A's resource: another team must get 404 (or 403 for operator-only calls). */
		RESOURCE,
		/** Lists the caller's own: another team gets 2xx, without a single row of team A. */
		LIST,
		/** Creates something in the caller's own team: 2xx for anyone signed in. */
		CREATE,
		/** Creates something that names team A's resource: another team must be refused. */
		CREATE_REFERENCING,
		/** Operator only: team admins get 403. */
		OPERATOR,
		/** Deletes team A's resource: run last for team A. */
		DESTRUCTIVE,
		/**
		 * Changes the caller's own account, proving who they are (the current password): called with a wrong one, so
		 * every signed-in caller gets 400 and nothing changes.
		 */
		OWN_ACCOUNT

	}

	/** {@code service}: the one that owns it, which it is also called straight at, unless it is the gateway's own. */
	record Endpoint(String service, String method, String path, Kind kind, String body, String contentType) {

		boolean gatewayOnly() {
			return service.equals("gateway");
		}

		@Override
		public String toString() {
			return method + " " + path;
		}

	}

	record Target(String name, URI base) {
	}

	private static URI GATEWAY;

	private static Target THROUGH_GATEWAY;

	private static Map<String, String> ids;

	private static Map<Caller, String> gatewayCredentials;

	private static Map<Caller, String> directCredentials;

	private static List<String> teamARows;

	@BeforeAll
	static void twoTeamsAndTheirResources() {
		RunningDevstack devstack = RunningDevstack.get();
		GATEWAY = devstack.gateway();
		THROUGH_GATEWAY = new Target("gateway", GATEWAY);
		DemoIdentity identity = devstack.identity();
		GatewayClient admin = devstack.signInAsAdmin();
		String patA = admin.createAccessToken("matrix");
		String revoked = json(admin.call("POST", "/api/me/tokens", "{\"name\": \"to revoke\"}")).get("token").asString();
		String revokedId = json(admin.call("GET", "/api/me/tokens", null)).valueStream()
			.filter(token -> token.get("name").asString().equals("to revoke"))
			.findFirst()
			.orElseThrow()
			.get("id")
			.asString();
		assertThat(admin.call("DELETE", "/api/me/tokens/" + revokedId, null).statusCode()).isEqualTo(204);
		String tokenIdA = json(admin.call("GET", "/api/me/tokens", null)).get(0).get("id").asString();

		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String emailB = "matrix-b-" + suffix + "@rapport.local";
		admin.createTeam("Matrix B " + suffix, emailB, "matrix password " + suffix);
		GatewayClient adminB = GatewayClient.signIn(GATEWAY, emailB, "matrix password " + suffix);
		String patB = adminB.createAccessToken("matrix");
		JsonNode meB = json(adminB.call("GET", "/api/me", null));
		JsonNode meA = json(admin.call("GET", "/api/me", null));
		String memberEmail = "matrix-member-" + suffix + "@rapport.local";
		JsonNode added = json(admin.call("POST", "/api/team/members",
				"{\"email\": \"%s\", \"displayName\": \"Matrix member\"}".formatted(memberEmail)));
		String memberA = added.get("member").get("id").asString();
		// The member the matrix removes is the admin's to remove; a second plain member makes the calls.
		String plainEmail = "matrix-plain-" + suffix + "@rapport.local";
		String plainPassword = json(admin.call("POST", "/api/team/members",
				"{\"email\": \"%s\", \"displayName\": \"Plain member\"}".formatted(plainEmail)))
			.get("temporaryPassword")
			.asString();
		GatewayClient plain = GatewayClient.signIn(GATEWAY, plainEmail, plainPassword);
		String patPlain = plain.createAccessToken("matrix");
		UUID plainId = UUID.fromString(json(plain.call("GET", "/api/me", null)).get("id").asString());

		// Team A's resources, made through the gateway as a user would.
		String contact = json(send(GATEWAY, "POST", "/api/contacts", "Bearer " + patA,
				"{\"displayName\": \"Matrix contact\", \"visibility\": \"TEAM\", \"cadence\": {\"tier\": \"CLOSE\"}}",
				"application/json")).get("id").asString();
		String today = LocalDate.now(ZoneOffset.UTC).toString();
		HttpResponse<String> logged = send(GATEWAY, "POST", "/api/interactions", "Bearer " + patA,
				"{\"participantIds\": [\"%s\"], \"type\": \"CALL\", \"timeZone\": \"UTC\", \"summary\": \"Matrix\", "
					.formatted(contact)
						+ "\"followUps\": [{\"text\": \"Send notes\", \"dueOn\": \"%s\", \"owedBy\": \"ME\"}]}"
							.formatted(today),
				"application/json");
		assertThat(logged.statusCode()).as(logged.body()).isEqualTo(201);
		JsonNode interaction = json(logged);
		String reminder = devstack.awaitReminderFor("Bearer " + patA, contact);

		ids = Map.of("contact", contact, "interaction", interaction.get("id").asString(), "followUp",
				interaction.get("followUps").get(0).get("id").asString(), "reminder", reminder, "member", memberA,
				"token", tokenIdA);
		teamARows = List.of(contact, interaction.get("id").asString(), reminder, memberA, memberEmail, tokenIdA,
				DemoIdentity.ADMIN_EMAIL);

		UUID userA = UUID.fromString(meA.get("id").asString());
		UUID teamA = UUID.fromString(meA.get("teamId").asString());
		UUID userB = UUID.fromString(meB.get("id").asString());
		UUID teamB = UUID.fromString(meB.get("teamId").asString());
		TokenSigner gatewayKey = new TokenSigner(identity.keys(), DemoIdentity.KEY_ID, DemoIdentity.ISSUER,
				DemoIdentity.AUDIENCE, Clock.systemUTC());
		String ownDirect = gatewayKey.sign(userA, teamA, Set.of("admin"), Duration.ofMinutes(30));
		Instant now = Instant.now();
		JWTClaimsSet good = claims(userA, teamA, DemoIdentity.ISSUER, DemoIdentity.AUDIENCE, now.plusSeconds(600));

		Map<Caller, String> forged = new LinkedHashMap<>();
		forged.put(Caller.NO_TOKEN, null);
		forged.put(Caller.EXPIRED, "Bearer " + gatewayKey
			.sign(claims(userA, teamA, DemoIdentity.ISSUER, DemoIdentity.AUDIENCE, now.minusSeconds(120))));
		forged.put(Caller.WRONG_ISSUER, "Bearer "
				+ gatewayKey.sign(claims(userA, teamA, "someone-else", DemoIdentity.AUDIENCE, now.plusSeconds(600))));
		forged.put(Caller.WRONG_AUDIENCE, "Bearer "
				+ gatewayKey.sign(claims(userA, teamA, DemoIdentity.ISSUER, "another-api", now.plusSeconds(600))));
		forged.put(Caller.ALG_NONE, "Bearer " + unsigned(good));
		forged.put(Caller.TAMPERED, "Bearer " + tampered(ownDirect, teamB));
		forged.put(Caller.REVOKED_ACCESS_TOKEN, "Bearer " + revoked);

		gatewayCredentials = new LinkedHashMap<>(forged);
		gatewayCredentials.put(Caller.OWN_TEAM, "Bearer " + patA);
		gatewayCredentials.put(Caller.TEAM_MEMBER, "Bearer " + patPlain);
		gatewayCredentials.put(Caller.OTHER_TEAM, "Bearer " + patB);
		directCredentials = new LinkedHashMap<>(forged);
		directCredentials.put(Caller.OWN_TEAM, "Bearer " + ownDirect);
		directCredentials.put(Caller.TEAM_MEMBER,
				"Bearer " + gatewayKey.sign(plainId, teamA, Set.of("member"), Duration.ofMinutes(30)));
		directCredentials.put(Caller.OTHER_TEAM,
				"Bearer " + gatewayKey.sign(userB, teamB, Set.of("admin"), Duration.ofMinutes(30)));
		directCredentials.put(Caller.ACCESS_TOKEN_STRAIGHT_TO_SERVICE, "Bearer " + patA);
	}

	static List<Endpoint> endpoints() {
		// Well after "today" even once another system test moved the services' clock ahead.
		String snoozeUntil = LocalDate.now(ZoneOffset.UTC).plusDays(60).toString();
		return List.of(
				// contacts-service
				new Endpoint("contacts", "POST", "/api/contacts", Kind.CREATE, "{\"displayName\": \"Matrix made\"}", null),
				new Endpoint("contacts", "GET", "/api/contacts", Kind.LIST, null, null),
				new Endpoint("contacts", "GET", "/api/contacts/{contact}", Kind.RESOURCE, null, null),
				new Endpoint("contacts", "PATCH", "/api/contacts/{contact}", Kind.RESOURCE, "{\"title\": \"Changed\"}",
						"application/merge-patch+json"),
				new Endpoint("contacts", "POST", "/api/contacts/{contact}/archive", Kind.RESOURCE, null, null),
				new Endpoint("contacts", "POST", "/api/contacts/{contact}/unarchive", Kind.RESOURCE, null, null),
				new Endpoint("contacts", "GET", "/api/contacts/duplicates", Kind.LIST, null, null),
				new Endpoint("contacts", "GET", "/api/contacts/{contact}/handoffs", Kind.RESOURCE, null, null),
				new Endpoint("contacts", "GET", "/api/contacts/export?format=csv", Kind.LIST, null, null),
				new Endpoint("contacts", "GET", "/api/contacts/{contact}/export?format=vcard", Kind.RESOURCE, null, null),
				new Endpoint("contacts", "GET", "/api/imports", Kind.LIST, null, null),
				// interactions-service
				new Endpoint("interactions", "POST", "/api/interactions", Kind.CREATE_REFERENCING,
						"{\"participantIds\": [\"{contact}\"], \"type\": \"CALL\", \"timeZone\": \"UTC\"}", null),
				new Endpoint("interactions", "GET", "/api/interactions/{interaction}", Kind.RESOURCE, null, null),
				new Endpoint("interactions", "PATCH", "/api/interactions/{interaction}", Kind.RESOURCE,
						"{\"summary\": \"Changed\"}", "application/merge-patch+json"),
				new Endpoint("interactions", "POST", "/api/interactions/{interaction}/follow-ups/{followUp}/complete",
						Kind.RESOURCE, null, null),
				new Endpoint("interactions", "POST", "/api/interactions/{interaction}/follow-ups/{followUp}/reopen",
						Kind.RESOURCE, null, null),
				new Endpoint("interactions", "GET", "/api/contacts/{contact}/interactions", Kind.RESOURCE, null, null),
				new Endpoint("interactions", "GET", "/api/follow-ups", Kind.LIST, null, null),
				new Endpoint("interactions", "GET", "/api/interactions/single-owner-risks", Kind.LIST, null, null),
				// reminders-service
				new Endpoint("reminders", "GET", "/api/reminders", Kind.LIST, null, null),
				new Endpoint("reminders", "GET", "/api/relationships", Kind.LIST, null, null),
				new Endpoint("reminders", "GET", "/api/relationships/{contact}", Kind.RESOURCE, null, null),
				new Endpoint("reminders", "DELETE", "/api/relationships/{contact}/cadence-offer", Kind.RESOURCE, null,
						null),
				// Each caller's own feed: made first, then read.
				new Endpoint("reminders", "POST", "/api/reminders/calendar-feed", Kind.CREATE, null, null),
				new Endpoint("reminders", "GET", "/api/reminders/calendar-feed", Kind.LIST, null, null),
				new Endpoint("reminders", "POST", "/api/reminders/{reminder}/snooze", Kind.RESOURCE,
						"{\"until\": \"" + snoozeUntil + "\"}", null),
				new Endpoint("reminders", "POST", "/api/reminders/{reminder}/complete", Kind.RESOURCE, null, null),
				new Endpoint("reminders", "POST", "/api/reminders/{reminder}/dismiss", Kind.RESOURCE, null, null),
				// the gateway's own API
				new Endpoint("gateway", "GET", "/api/me", Kind.LIST, null, null),
				new Endpoint("gateway", "GET", "/api/me/tokens", Kind.LIST, null, null),
				new Endpoint("gateway", "POST", "/api/me/tokens", Kind.CREATE, "{\"name\": \"matrix\"}", null),
				new Endpoint("gateway", "POST", "/api/me/password", Kind.OWN_ACCOUNT,
						"{\"currentPassword\": \"not the password at all\", \"newPassword\": \"matrix passphrase {unique}\"}",
						null),
				new Endpoint("gateway", "GET", "/api/team/members", Kind.LIST, null, null),
				new Endpoint("gateway", "POST", "/api/team/members", Kind.CREATE,
						"{\"email\": \"matrix-{unique}@rapport.local\", \"displayName\": \"M\"}", null),
				new Endpoint("gateway", "PUT", "/api/team/members/{member}/role", Kind.RESOURCE, "{\"role\": \"MEMBER\"}",
						null),
				new Endpoint("gateway", "GET", "/api/teams", Kind.OPERATOR, null, null),
				new Endpoint("gateway", "POST", "/api/teams", Kind.OPERATOR,
						"{\"name\": \"T\", \"admin\": {\"email\": \"matrix-t-{unique}@rapport.local\", "
								+ "\"displayName\": \"T\"}}",
						null),
				new Endpoint("gateway", "GET", "/api/admin/signing-keys", Kind.OPERATOR, null, null),
				new Endpoint("gateway", "POST", "/api/admin/signing-keys/rotate", Kind.OPERATOR, null, null),
				// last: they delete team A's resources
				new Endpoint("gateway", "DELETE", "/api/me/tokens/{token}", Kind.DESTRUCTIVE, null, null),
				new Endpoint("gateway", "DELETE", "/api/team/members/{member}", Kind.DESTRUCTIVE, null, null),
				new Endpoint("interactions", "DELETE", "/api/interactions/{interaction}", Kind.DESTRUCTIVE, null, null),
				new Endpoint("contacts", "DELETE", "/api/contacts/{contact}", Kind.DESTRUCTIVE, null, null));
	}

	@Test
	void nobodyGetsWhereTheyDoNotBelongAndNothingAnswers5xx() {
		List<String> violations = new ArrayList<>();
		int calls = 0;
		// Everyone but team A first, on every endpoint: they must change nothing.
		for (Endpoint endpoint : endpoints()) {
			for (Target target : targets(endpoint)) {
				Map<Caller, String> credentials = target == THROUGH_GATEWAY ? gatewayCredentials : directCredentials;
				for (Map.Entry<Caller, String> caller : credentials.entrySet()) {
					if (caller.getKey() == Caller.OWN_TEAM) {
						continue;
					}
					calls++;
					checkCall(endpoint, target, caller.getKey(), caller.getValue(), violations);
				}
			}
		}
		assertThat(status(GATEWAY, "GET", "/api/contacts/" + ids.get("contact"))).as("team A's contact is intact")
			.isEqualTo(200);
		assertThat(status(GATEWAY, "GET", "/api/interactions/" + ids.get("interaction"))).isEqualTo(200);
		// Then team A, whose calls all belong (the key rotation aside: it would retire the key direct tokens use).
		for (Endpoint endpoint : endpoints()) {
			if (endpoint.path().endsWith("/rotate")) {
				continue;
			}
			for (Target target : targets(endpoint)) {
				if (endpoint.kind() == Kind.DESTRUCTIVE && target != THROUGH_GATEWAY) {
					continue; // deleted once, through the gateway
				}
				Map<Caller, String> credentials = target == THROUGH_GATEWAY ? gatewayCredentials : directCredentials;
				calls++;
				checkCall(endpoint, target, Caller.OWN_TEAM, credentials.get(Caller.OWN_TEAM), violations);
			}
		}

		// At least every endpoint once for each kind of caller (most are called both through the gateway and direct).
		assertThat(calls).as("calls made").isGreaterThanOrEqualTo(endpoints().size() * Caller.values().length - 1);
		assertThat(violations).as("%d calls; these did not answer as they should", calls).isEmpty();
	}

	private static void checkCall(Endpoint endpoint, Target target, Caller caller, String authorization,
			List<String> violations) {
		HttpResponse<String> response;
		try {
			response = call(endpoint, target, authorization);
		}
		catch (IllegalStateException ex) {
			violations.add("no answer (%s): %s via %s as %s".formatted(ex.getCause(), endpoint, target.name(), caller));
			return;
		}
		check(endpoint, target, caller, response, violations);
	}

	private static void check(Endpoint endpoint, Target target, Caller caller, HttpResponse<String> response,
			List<String> violations) {
		int status = response.statusCode();
		String where = "%s via %s as %s: %d %s".formatted(endpoint, target.name(), caller, status,
				response.body().length() > 200 ? response.body().substring(0, 200) : response.body());
		if (status >= 500) {
			violations.add("5xx: " + where);
			return;
		}
		switch (caller) {
			case OWN_TEAM -> {
				boolean expected = endpoint.kind() == Kind.OWN_ACCOUNT
						? status == 400 && response.body().contains("currentPassword")
						: ownerStatuses(endpoint).contains(status);
				if (!expected) {
					violations.add("own team did not get " + ownerStatuses(endpoint) + ": " + where);
				}
			}
			case TEAM_MEMBER -> {
				Set<Integer> expected = memberStatuses(endpoint);
				if (!expected.contains(status)) {
					violations.add("team member did not get " + expected + ": " + where);
				}
			}
			case OTHER_TEAM -> {
				boolean expected = switch (endpoint.kind()) {
					case RESOURCE, DESTRUCTIVE -> status == 404;
					case CREATE_REFERENCING -> status == 400 || status == 404;
					case OPERATOR -> status == 403;
					case CREATE -> status == 201;
					case LIST -> status == 200 && teamARows.stream().noneMatch(response.body()::contains);
					case OWN_ACCOUNT -> status == 400 && response.body().contains("currentPassword");
				};
				if (!expected) {
					violations.add("another team: " + where);
				}
			}
			default -> {
				if (status != 401) {
					violations.add("not 401: " + where);
				}
			}
		}
	}

	/**
	 * Exactly what the owner's team gets, by what the call does: a redirect (to a sign-in page, say) or any other
	 * 2xx than the documented one is a failure. A reminder already completed answers 409 to the calls after.
	 */
	static Set<Integer> ownerStatuses(Endpoint endpoint) {
		return switch (endpoint.method()) {
			case "GET" -> Set.of(200);
			case "DELETE" -> Set.of(204);
			case "PATCH", "PUT" -> Set.of(200);
			default -> switch (endpoint.kind()) {
				case CREATE, CREATE_REFERENCING, OPERATOR -> Set.of(201);
				default -> endpoint.path().startsWith("/api/reminders/") ? Set.of(200, 409) : Set.of(200);
			};
		};
	}

	/**
	 * What a plain member of the owner's team gets on the admin's resources (a team contact, the admin's interaction,
	 * reminder and token, another member): the team's contacts are theirs to read and edit; another's interaction
	 * they read (they see every participant) but only its author changes it; an owner's reminders and tokens do not
	 * exist for them; managing the team is for admins, and teams and keys for operators.
	 */
	static Set<Integer> memberStatuses(Endpoint endpoint) {
		String call = endpoint.method() + " " + endpoint.path();
		return switch (call) {
			case "DELETE /api/contacts/{contact}", "PATCH /api/interactions/{interaction}",
					"POST /api/interactions/{interaction}/follow-ups/{followUp}/complete",
					"POST /api/interactions/{interaction}/follow-ups/{followUp}/reopen",
					"DELETE /api/interactions/{interaction}", "POST /api/team/members",
					"PUT /api/team/members/{member}/role", "DELETE /api/team/members/{member}", "GET /api/teams",
					"POST /api/teams", "GET /api/admin/signing-keys", "POST /api/admin/signing-keys/rotate" -> Set.of(403);
			case "POST /api/reminders/{reminder}/snooze", "POST /api/reminders/{reminder}/complete",
					"POST /api/reminders/{reminder}/dismiss", "DELETE /api/me/tokens/{token}" -> Set.of(404);
			default -> endpoint.kind() == Kind.OWN_ACCOUNT ? Set.of(400) : ownerStatuses(endpoint);
		};
	}

	private static List<Target> targets(Endpoint endpoint) {
		return endpoint.gatewayOnly() ? List.of(THROUGH_GATEWAY)
				: List.of(THROUGH_GATEWAY, new Target(endpoint.service(), RunningDevstack.get().url(endpoint.service())));
	}

	private static HttpResponse<String> call(Endpoint endpoint, Target target, String authorization) {
		String path = fill(endpoint.path());
		String body = endpoint.body() == null ? null : fill(endpoint.body());
		return send(target.base(), endpoint.method(), path, authorization, body,
				endpoint.contentType() != null ? endpoint.contentType() : body == null ? null : "application/json");
	}

	private static String fill(String template) {
		String filled = template.replace("{unique}", Integer.toString(UNIQUE.incrementAndGet()) + "-"
				+ UUID.randomUUID().toString().substring(0, 6));
		for (Map.Entry<String, String> id : ids.entrySet()) {
			filled = filled.replace("{" + id.getKey() + "}", id.getValue());
		}
		return filled;
	}

	private static int status(URI base, String method, String path) {
		return send(base, method, path, gatewayCredentials.get(Caller.OWN_TEAM), null, null).statusCode();
	}

	private static HttpResponse<String> send(URI base, String method, String path, String authorization, String body,
			String contentType) {
		return SystemHttp.send(base, method, path, authorization, body, contentType);
	}

	private static JWTClaimsSet claims(UUID user, UUID team, String issuer, String audience, Instant expiry) {
		Instant issued = expiry.minus(Duration.ofMinutes(15));
		return new JWTClaimsSet.Builder().subject(user.toString())
			.claim("team", team.toString())
			.claim("roles", List.of("admin"))
			.issuer(issuer)
			.audience(audience)
			.issueTime(Date.from(issued))
			.notBeforeTime(Date.from(issued))
			.expirationTime(Date.from(expiry))
			.jwtID(UUID.randomUUID().toString())
			.build();
	}

	private static String unsigned(JWTClaimsSet claims) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		return base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ base64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
	}

	/** A real token whose payload was changed (another team) after signing. */
	private static String tampered(String token, UUID otherTeam) {
		String[] parts = token.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String changed = payload.replaceAll("\"team\":\"[^\"]+\"", "\"team\":\"" + otherTeam + "\"");
		return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
			.encodeToString(changed.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
	}

	private static JsonNode json(HttpResponse<String> response) {
		return json(response.body());
	}

	private static JsonNode json(String body) {
		return JSON.readTree(body);
	}

}
