package dev.rapport.contacts.importing;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.contacts.ContactsApplication;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ContactBurst;
import dev.rapport.platform.test.TestApps;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TestInfrastructure.TestDatabase;
import dev.rapport.platform.test.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * contacts-service's part of the 100,000-contact import: a Google Contacts CSV of that many people uploaded
 * over HTTP (read and previewed), confirmed, every contact created by the job, and every event the outbox holds
 * sent to the broker. Not part of the test suite (the name does not end in Test); run it with:
 *
 * <pre>./mvnw -pl contacts-service -am test -Dtest=ImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * ({@code -Dbenchmark.rows=...} for another size). Figures go to {@code contacts-service/target/benchmarks/import.md}.
 * It asserts only that every row became a contact and every event left; the timings are for reading.
 */
class ImportBenchmark {

	static final int ROWS = Integer.getInteger("benchmark.rows", 100_000);

	@Test
	void import100kContacts() throws IOException, InterruptedException {
		Path csv = Files.createTempFile("import-benchmark-", ".csv");
		try (TestDatabase database = TestInfrastructure.newDatabase();
				ConfigurableApplicationContext service = TestApps.start(ContactsApplication.class, database,
						TestInfrastructure.kafkaBootstrapServers(), "logging.level.root=WARN",
						"rapport.imports.max-file-size=64MB")) {
			long bytes = write(csv, ROWS);
			JdbcClient jdbc = service.getBean(JdbcClient.class);
			ApiClient api = new ApiClient(TestApps.port(service));
			String token = TestTokens.token(UUID.randomUUID(), UUID.randomUUID());

			String loadBefore = ContactBurst.loadAverage();
			long start = System.nanoTime();
			// Not ApiClient: its 30 s timeout is for ordinary requests, not for reading 100,000 rows.
			HttpResponse<String> uploaded = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestApps.port(service)
						+ "/api/imports?fileName=benchmark.csv"))
					.timeout(Duration.ofMinutes(30))
					.header("Authorization", "Bearer " + token)
					.header("Content-Type", "text/csv")
					.POST(BodyPublishers.ofFile(csv))
					.build(), BodyHandlers.ofString());
			long previewed = System.nanoTime();
			assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
			JsonNode preview = ApiClient.json(uploaded.body());
			assertThat(preview.at("/preview/create").asInt()).isEqualTo(ROWS);
			String id = preview.get("id").asString();

			api.post("/api/imports/" + id + "/confirm", token, null);
			List<String> progress = new ArrayList<>();
			JsonNode done = Awaitility.await()
				.atMost(Duration.ofMinutes(30))
				.pollInterval(Duration.ofSeconds(2))
				.until(() -> {
					JsonNode now = api.get("/api/imports/" + id, token).json();
					progress.add("%.0f s: %d of %d".formatted((System.nanoTime() - previewed) / 1e9,
							now.get("rowsDone").asInt(), now.get("totalRows").asInt()));
					return now;
				}, now -> "DONE".equals(now.get("status").asString()));
			long created = System.nanoTime();
			assertThat(done.at("/results/created").asInt()).isEqualTo(ROWS);
			Awaitility.await()
				.atMost(Duration.ofMinutes(30))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> jdbc.sql("select count(*) from outbox_event where published_at is null")
					.query(Long.class)
					.single() == 0);
			long published = System.nanoTime();

			String report = report(bytes, seconds(start, previewed), seconds(previewed, created),
					seconds(created, published), seconds(start, published), progress)
					+ "\nLoad average (1, 5, 15 min) before: %s; after: %s (other processes share the machine).\n"
						.formatted(loadBefore, ContactBurst.loadAverage());
			Path out = Path.of("target", "benchmarks", "import.md");
			Files.createDirectories(out.getParent());
			Files.writeString(out, report);
			System.out.println(report);
		}
		finally {
			Files.deleteIfExists(csv);
		}
	}

	/** A Google Contacts export of {@code rows} people: names, two emails, a phone, company, birthday, notes. */
	static long write(Path csv, int rows) throws IOException {
		try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			out.write("First Name,Middle Name,Last Name,Nickname,Organization Name,Organization Title,Birthday,Notes,"
					+ "Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,"
					+ "Phone 1 - Value,Address 1 - City,Address 1 - Country,Website 1 - Value\n");
			for (int i = 1; i <= rows; i++) {
				out.write("Person%d,,Family%d,,Company %d,Engineer,1980-%02d-%02d,\"Met at conference %d\",* myContacts,"
					.formatted(i, i, i % 5000, 1 + i % 12, 1 + i % 28, i % 300));
				out.write("* Home,person%d@example.com,Work,person%d@work.example.com,Mobile,+1 555 %07d,City %d,"
					.formatted(i, i, i, i % 700));
				out.write("Country,https://example.com/p/%d\n".formatted(i));
			}
		}
		return Files.size(csv);
	}

	static String report(long bytes, double preview, double create, double publish, double total,
			List<String> progress) {
		return """
				## Import of %,d contacts (Google Contacts CSV, %.1f MB), contacts-service alone

				JVM %s, %d cores; embedded PostgreSQL and Kafka broker in the same JVM.

				| step | time | rows/s |
				|---|---|---|
				| upload, read and preview (streamed, one transaction) | %.1f s | %,.0f |
				| job: contacts created through ContactService (outbox in the same transaction) | %.1f s | %,.0f |
				| outbox drained to the broker after the job (ContactCreated + ContactState) | %.1f s | |
				| upload to every event on the broker | %.1f s | %,.0f |

				Progress as the API reported it: %s
				""".formatted(ROWS, bytes / 1e6, System.getProperty("java.version"),
				Runtime.getRuntime().availableProcessors(), preview, ROWS / preview, create, ROWS / create, publish,
				total, ROWS / total, String.join("; ", progress));
	}

	static double seconds(long from, long to) {
		return (to - from) / 1e9;
	}

}
