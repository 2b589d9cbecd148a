package dev.rapport.contacts.importing;

import java.net.http.HttpRequest.BodyPublishers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.contacts.contact.ContactService;
import dev.rapport.events.Topics;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TestTokens;
import dev.rapport.platform.test.TopicReader;
import dev.rapport.platform.test.TopicReader.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A confirmed import survives its worker: a worker that stopped mid-batch (its rows locked, nothing committed) holds
 * up none of the rest, and once its transaction is gone, a new worker (as after a restart) claims its rows again and
 * finishes, every contact created once with one ContactCreated each.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = { "rapport.imports.worker-enabled=false", "rapport.imports.batch-size=2" })
class ImportResumeTest {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	DataSource dataSource;

	@Autowired
	ImportRepository imports;

	@Autowired
	ContactService contacts;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	ImportProperties properties;

	@Autowired
	Clock clock;

	@Autowired
	MeterRegistry meters;

	@Test
	void aNewWorkerFinishesWhatAStoppedOneLeftAndCreatesEveryContactOnce() throws Exception {
		assertThat(context.getBeansOfType(ImportWorker.class)).as("this test drives the workers itself").isEmpty();
		ApiClient api = new ApiClient(port);
		UUID team = UUID.randomUUID();
		String token = TestTokens.token(UUID.randomUUID(), team);
		StringBuilder csv = new StringBuilder("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
		for (int i = 1; i <= 10; i++) {
			csv.append("Person,Number ").append(i).append(",,person").append(i).append("@example.com,Acme,Engineer,")
				.append(String.format("%02d", i)).append(" Jan 2024\n");
		}
		String id = api.send("POST", "/api/imports", token, BodyPublishers.ofString(csv.toString()),
				Map.of("Content-Type", "text/csv")).json().get("id").asString();
		assertThat(api.post("/api/imports/" + id + "/confirm", token, null).status()).isEqualTo(202);

		List<Integer> heldByTheStoppedWorker = new ArrayList<>();
		try (Connection stopped = dataSource.getConnection()) {
			stopped.setAutoCommit(false);
			try (PreparedStatement claim = stopped.prepareStatement("""
					select row_number from contact_import_row where import_id = ? and state = 'PENDING'
					order by row_number limit 2 for update skip locked""")) {
				claim.setObject(1, UUID.fromString(id));
				try (ResultSet rows = claim.executeQuery()) {
					while (rows.next()) {
						heldByTheStoppedWorker.add(rows.getInt(1));
					}
				}
			}
			assertThat(heldByTheStoppedWorker).containsExactly(1, 2);

			ImportWorker restarted = new ImportWorker(imports, contacts, new TransactionTemplate(transactionManager),
					properties, clock, meters);
			// On a thread of its own: a worker that waited for the stopped one's rows would wait forever.
			assertThat(CompletableFuture.supplyAsync(restarted::drain).get(30, TimeUnit.SECONDS))
				.as("everything but the stopped worker's batch, without waiting for it")
				.isEqualTo(8);
			JsonNode meanwhile = api.get("/api/imports/" + id, token).json();
			assertThat(meanwhile.get("status").asString()).isEqualTo("RUNNING");
			assertThat(meanwhile.get("rowsDone").asInt()).isEqualTo(8);
			assertThat(meanwhile.at("/results/pending").asInt()).isEqualTo(2);

			stopped.rollback(); // the stopped worker's transaction ends with its connection
		}

		ImportWorker next = new ImportWorker(imports, contacts, new TransactionTemplate(transactionManager),
				properties, clock, meters);
		assertThat(next.drain()).isEqualTo(2);
		JsonNode done = api.get("/api/imports/" + id, token).json();
		assertThat(done.get("status").asString()).isEqualTo("DONE");
		assertThat(done.get("rowsDone").asInt()).isEqualTo(10);
		assertThat(done.at("/results/created").asInt()).isEqualTo(10);
		assertThat(api.get("/api/contacts", token).json().get("totalItems").asInt()).isEqualTo(10);
		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.CONTACTS)) {
			List<Message> created = reader.awaitMessages(this.createdIn(team), received -> received.size() >= 10,
					Duration.ofSeconds(30));
			assertThat(created).extracting(Message::key).doesNotHaveDuplicates();
			assertThat(reader.messagesWithin(createdIn(team), Duration.ofMillis(500))).hasSize(10);
			try (TopicReader state = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.CONTACTS_STATE)) {
				assertThat(state.awaitMessages(
						message -> "ContactState".equals(message.type()) && message.value() != null
							&& message.value().contains(team.toString()),
						received -> received.size() >= 10, Duration.ofSeconds(30)))
					.as("each created contact's state on the compacted topic too")
					.extracting(Message::key)
					.containsExactlyInAnyOrderElementsOf(created.stream().map(Message::key).toList());
			}
		}
	}

	private java.util.function.Predicate<Message> createdIn(UUID team) {
		return message -> "ContactCreated".equals(message.type()) && message.value().contains(team.toString());
	}

}
