package dev.rapport.interactions;

import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.interactions.contact.ContactReplicaRepository;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.TestTokens;

import static dev.rapport.interactions.Interactions.coffee;

/**
 * One interaction taken through every change the API offers, in a team of its own, for the tests that read what it
 * published: a coffee with {@code contact} (a follow-up each side owes: {@code mine}, then {@code theirs}), theirs
 * completed, the summary edited (and edited again to the same, a no-op), mine completed (twice, the second a no-op)
 * and reopened, the interaction deleted, and one request refused (a participant the team does not know). Six changes,
 * so six records on each topic that follows every change; the no-ops and the refusal publish nothing.
 */
record InteractionLifecycle(UUID team, UUID author, UUID contact, String id, String mine, String theirs) {

	static final int CHANGES = 6;

	static InteractionLifecycle walk(int port, ContactReplicaRepository replicas, JdbcClient jdbc) {
		ApiClient api = new ApiClient(port);
		UUID team = UUID.randomUUID();
		UUID author = UUID.randomUUID();
		String token = TestTokens.token(author, team);
		UUID ada;
		try (ContactFeed feed = new ContactFeed(replicas, jdbc)) {
			ada = feed.contact(team, author, Visibility.TEAM);
		}
		JsonNode logged = api.post("/api/interactions", token, coffee(ada)).json();
		String id = logged.get("id").asString();
		String mine = logged.at("/followUps/0/id").asString();
		String theirs = logged.at("/followUps/1/id").asString();
		api.post("/api/interactions/%s/follow-ups/%s/complete".formatted(id, theirs), token, null);
		api.patch("/api/interactions/" + id, token, "{\"summary\": \"Mostly Turin\"}", Map.of());
		api.patch("/api/interactions/" + id, token, "{\"summary\": \"Mostly Turin\"}", Map.of());
		api.post("/api/interactions/%s/follow-ups/%s/complete".formatted(id, mine), token, null);
		api.post("/api/interactions/%s/follow-ups/%s/complete".formatted(id, mine), token, null);
		api.post("/api/interactions/%s/follow-ups/%s/reopen".formatted(id, mine), token, null);
		api.delete("/api/interactions/" + id, token);
		api.post("/api/interactions", token, coffee(UUID.randomUUID()));
		return new InteractionLifecycle(team, author, ada, id, mine, theirs);
	}

}
