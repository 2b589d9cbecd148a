package dev.rapport.interactions;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.interactions.contact.ContactReplicaRepository;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ApiClient.Response;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestTokens;

import static dev.rapport.interactions.Interactions.coffee;
import static dev.rapport.interactions.Interactions.errorFields;
import static dev.rapport.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contact created a moment ago, whose {@code ContactCreated} has not reached the replica (the stand-in for
 * contacts-service has it; no event was sent): it can be named at once, with exactly the isolation of the replica.
 */
@ServiceIntegrationTest
class JustCreatedContactTest {

	@LocalServerPort
	int port;

	@Autowired
	ContactReplicaRepository replicas;

	@Autowired
	JdbcClient jdbc;

	ContactsServiceStandIn contactsService = ContactsServiceStandIn.get();

	ApiClient api;

	UUID team;

	UUID user;

	String token;

	@BeforeEach
	void newTeam() {
		api = new ApiClient(port);
		team = UUID.randomUUID();
		user = UUID.randomUUID();
		token = TestTokens.token(user, team, "member");
	}

	@AfterEach
	void answerAgain() {
		contactsService.failing(false);
	}

	@Test
	void aContactJustCreatedIsAParticipantAtOnceAndJoinsTheReplica() {
		UUID ada = contactsService.contact(team, user, Visibility.PRIVATE);
		assertThat(replicas.find(ada)).as("its event has not arrived").isEmpty();

		Response logged = api.post("/api/interactions", token, coffee(ada));

		assertThat(logged.status()).as(logged.body()).isEqualTo(201);
		assertThat(contactsService.authorizations()).as("asked with the caller's own token").contains("Bearer " + token);
		assertThat(replicas.find(ada)).hasValueSatisfying(replica -> {
			assertThat(replica.teamId()).isEqualTo(team);
			assertThat(replica.ownerId()).isEqualTo(user);
			assertThat(replica.visibility()).isEqualTo(Visibility.PRIVATE);
			assertThat(replica.version()).isEqualTo(1);
		});
		int asked = contactsService.authorizations().size();
		assertThat(api.post("/api/interactions", token, coffee(ada)).status()).isEqualTo(201);
		assertThat(contactsService.authorizations()).as("known now: not asked again").hasSize(asked);
	}

	@Test
	void isolationIsExactlyAsStrict() {
		UUID teammate = UUID.randomUUID();
		UUID teammatesPrivate = contactsService.contact(team, teammate, Visibility.PRIVATE);
		UUID teammatesShared = contactsService.contact(team, teammate, Visibility.TEAM);
		UUID otherTeams = contactsService.contact(UUID.randomUUID(), user, Visibility.TEAM);
		UUID nobody = UUID.randomUUID();

		Response refused = api.post("/api/interactions", token,
				coffee(teammatesShared, teammatesPrivate, otherTeams, nobody));

		assertProblem(refused, 400, "validation");
		assertThat(errorFields(refused)).containsExactly("participantIds[1]", "participantIds[2]",
				"participantIds[3]");
		assertThat(replicas.find(teammatesPrivate)).as("what the caller may not see is not learned").isEmpty();
		assertThat(replicas.find(otherTeams)).isEmpty();
		assertThat(count()).as("the refused request stored nothing").isZero();
		assertThat(api.post("/api/interactions", token, coffee(teammatesShared)).status()).isEqualTo(201);
	}

	@Test
	void whenContactsServiceDoesNotAnswerTheWriteIsRefusedWith503AndNothingChanges() {
		UUID grace = contactsService.contact(team, user, Visibility.TEAM);
		contactsService.failing(true);

		assertProblem(api.post("/api/interactions", token, coffee(grace)), 503, "service-unavailable");
		assertThat(count()).isZero();
		assertThat(replicas.find(grace)).isEmpty();

		contactsService.failing(false);
		assertThat(api.post("/api/interactions", token, coffee(grace)).status()).isEqualTo(201);
	}

	private long count() {
		return jdbc.sql("select count(*) from interaction where team_id = :team")
			.param("team", team)
			.query(Long.class)
			.single();
	}

}
