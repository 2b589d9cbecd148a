package dev.rapport.contacts.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rapport.events.Topics;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ApiClient.Response;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TestTokens;
import dev.rapport.platform.test.TopicReader;
import dev.rapport.platform.test.TopicReader.Message;

import static dev.rapport.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports through the API on the real database and broker: the preview per row, the confirmed job creating
 * contacts through the outbox, a second import of the same file creating nothing, undo, isolation, bad files.
 */
@ServiceIntegrationTest
class ImportApiTest {

	@LocalServerPort
	int port;

	ApiClient api;

	UUID team;

	UUID member;

	String token;

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		team = UUID.randomUUID();
		member = UUID.randomUUID();
		token = TestTokens.token(member, team);
	}

	@Test
	void thePreviewSaysPerRowWhatWouldHappenAndCreatesNothing() {
		api.post("/api/contacts", token, """
				{"displayName": "Katherine J.", "emails": [{"address": "Katherine@Example.com"}]}""");

		Response uploaded = upload(token, "google-contacts.csv", "text/csv");

		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		JsonNode preview = uploaded.json();
		assertThat(uploaded.header("Location")).isEqualTo("/api/imports/" + preview.get("id").asString());
		assertThat(preview.get("format").asString()).isEqualTo("GOOGLE_CSV");
		assertThat(preview.get("fileName").asString()).isEqualTo("google-contacts.csv");
		assertThat(preview.get("status").asString()).isEqualTo("PREVIEW");
		assertThat(preview.get("totalRows").asInt()).isEqualTo(6);
		assertThat(preview.get("tag").asString()).isEqualTo("imported:google-" + YearMonth.now(ZoneOffset.UTC));
		assertThat(preview.at("/preview/create").asInt()).isEqualTo(3);
		assertThat(preview.at("/preview/existing").asInt()).isEqualTo(1);
		assertThat(preview.at("/preview/invalid").asInt()).isEqualTo(2);

		String rowsPath = "/api/imports/" + preview.get("id").asString() + "/rows";
		JsonNode rows = api.get(rowsPath + "?size=100", token).json();
		assertThat(rows.get("totalItems").asInt()).isEqualTo(6);
		assertThat(row(rows, 1).get("outcome").asString()).isEqualTo("CREATE");
		assertThat(row(rows, 1).at("/contact/displayName").asString()).isEqualTo("Ada Lovelace");
		assertThat(row(rows, 3).get("outcome").asString()).isEqualTo("INVALID");
		assertThat(row(rows, 3).get("reason").asString()).contains("emails[0].address");
		assertThat(row(rows, 4).get("reason").asString()).contains("Birthday '1936-13-17' is not a date");
		assertThat(row(rows, 5).get("outcome").asString()).isEqualTo("EXISTING");
		assertThat(row(rows, 5).get("reason").asString()).contains("katherine@example.com");
		assertThat(api.get(rowsPath + "?outcome=INVALID", token).json().get("totalItems").asInt()).isEqualTo(2);
		assertThat(api.get("/api/contacts", token).json().get("totalItems").asInt())
			.as("a preview creates nothing")
			.isEqualTo(1);
	}

	@Test
	void confirmingCreatesTaggedContactsWithTheirEventsAndTheSameFileAgainCreatesNothing() {
		JsonNode first = upload(token, "linkedin-connections.csv", "text/csv").json();
		assertThat(first.get("format").asString()).isEqualTo("LINKEDIN_CSV");
		assertThat(first.at("/preview/create").asInt()).isEqualTo(3);
		assertThat(first.at("/preview/invalid").asInt()).isEqualTo(1);

		Response confirmed = api.post("/api/imports/" + first.get("id").asString() + "/confirm", token, null);
		assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(202);
		JsonNode done = awaitStatus(first.get("id").asString(), "DONE");

		assertThat(done.get("rowsDone").asInt()).isEqualTo(4);
		assertThat(done.at("/results/created").asInt()).isEqualTo(3);
		assertThat(done.at("/results/invalid").asInt()).isEqualTo(1);
		assertThat(done.at("/results/pending").asInt()).isZero();
		JsonNode tagged = api.get("/api/contacts?tag=" + first.get("tag").asString(), token).json();
		assertThat(tagged.get("totalItems").asInt()).isEqualTo(3);
		JsonNode barbara = tagged.get("items").valueStream()
			.filter(contact -> contact.get("displayName").asString().equals("Barbara Liskov"))
			.findFirst()
			.orElseThrow();
		assertThat(barbara.at("/howWeMet/place").asString()).isEqualTo("LinkedIn");
		assertThat(barbara.at("/howWeMet/date").asString()).isEqualTo("2024-03-12");
		assertThat(barbara.get("context").asString()).contains("https://www.linkedin.com/in/barbara-liskov-example");
		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.CONTACTS)) {
			List<Message> created = reader.awaitMessages(this::createdInTeam, received -> received.size() >= 3,
					Duration.ofSeconds(30));
			assertThat(created).hasSize(3);

			JsonNode second = upload(token, "linkedin-connections.csv", "text/csv").json();
			assertThat(second.get("sameFileAs").asString()).isEqualTo(first.get("id").asString());
			assertThat(second.at("/preview/create").asInt()).isZero();
			assertThat(second.at("/preview/existing").asInt()).isEqualTo(3);
			JsonNode rows = api.get("/api/imports/" + second.get("id").asString() + "/rows?outcome=EXISTING", token)
				.json();
			assertThat(rows.get("items").valueStream().map(row -> row.get("reason").asString()))
				.containsOnly("imported before");
			api.post("/api/imports/" + second.get("id").asString() + "/confirm", token, null);
			assertThat(awaitStatus(second.get("id").asString(), "DONE").at("/results/created").asInt()).isZero();

			assertThat(api.get("/api/contacts", token).json().get("totalItems").asInt()).isEqualTo(3);
			assertThat(reader.messagesWithin(this::createdInTeam, Duration.ofMillis(500)))
				.as("the second import published nothing")
				.hasSize(3);
		}
	}

	@Test
	void twoPreviewsOfOneFileConfirmedTogetherCreateItsPeopleOnce() {
		String one = upload(token, "contacts-v4.vcf", "text/vcard").json().get("id").asString();
		String two = upload(token, "contacts-v4.vcf", "text/vcard").json().get("id").asString();

		api.post("/api/imports/" + one + "/confirm", token, null);
		api.post("/api/imports/" + two + "/confirm", token, null);
		JsonNode first = awaitStatus(one, "DONE");
		JsonNode second = awaitStatus(two, "DONE");

		assertThat(first.at("/results/created").asInt() + second.at("/results/created").asInt()).isEqualTo(2);
		assertThat(first.at("/results/skipped").asInt() + second.at("/results/skipped").asInt()).isEqualTo(2);
		assertThat(api.get("/api/contacts", token).json().get("totalItems").asInt()).isEqualTo(2);
	}

	@Test
	void undoErasesWhatTheImportCreatedAndKeepsWhatWasChangedSince() {
		String mine = api.post("/api/contacts", token, "{\"displayName\": \"Alan Turing\"}").json().get("id").asString();
		String id = upload(token, "contacts-v3.vcf", "text/vcard").json().get("id").asString();
		api.post("/api/imports/" + id + "/confirm", token, null);
		assertThat(awaitStatus(id, "DONE").at("/results/created").asInt()).isEqualTo(3);
		JsonNode rows = api.get("/api/imports/" + id + "/rows?outcome=CREATE", token).json();
		String alan = row(rows, 1).get("contactId").asString();
		String hedy = row(rows, 2).get("contactId").asString();
		String claude = row(rows, 4).get("contactId").asString();
		api.patch("/api/contacts/" + hedy, token, "{\"company\": \"MGM\"}", Map.of());
		assertThat(api.post("/api/imports/" + id + "/confirm", token, null).status())
			.as("confirming a finished import changes nothing")
			.isEqualTo(202);

		Response undo = api.post("/api/imports/" + id + "/undo", token, null);

		assertThat(undo.status()).as(undo.toString()).isEqualTo(202);
		JsonNode undone = awaitStatus(id, "UNDONE");
		assertThat(undone.at("/results/undone").asInt()).isEqualTo(2);
		assertThat(undone.at("/results/kept").asInt()).isEqualTo(1);
		assertThat(api.get("/api/contacts/" + alan, token).status()).isEqualTo(404);
		assertThat(api.get("/api/contacts/" + claude, token).status()).isEqualTo(404);
		assertThat(api.get("/api/contacts/" + hedy, token).status()).as("changed since: kept").isEqualTo(200);
		assertThat(api.get("/api/contacts/" + mine, token).status()).as("not the import's").isEqualTo(200);
		JsonNode kept = api.get("/api/imports/" + id + "/rows?outcome=CREATE", token).json();
		assertThat(row(kept, 2).get("state").asString()).isEqualTo("KEPT");
		assertThat(row(kept, 1).get("state").asString()).isEqualTo("UNDONE");
		try (TopicReader reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.CONTACTS)) {
			List<Message> deleted = reader.awaitMessages(
					message -> "ContactDeleted".equals(message.type()) && message.value().contains(team.toString()),
					received -> received.size() >= 2, Duration.ofSeconds(30));
			assertThat(deleted).extracting(Message::key).containsExactlyInAnyOrder(alan, claude);
		}
		assertProblem(api.post("/api/imports/" + id + "/confirm", token, null), 409, "conflict");
		assertThat(api.post("/api/imports/" + id + "/undo", token, null).status()).isEqualTo(202);
	}

	@Test
	void anImportIsItsMembersAloneTeammatesIncluded() {
		String id = upload(token, "linkedin-connections.csv", "text/csv").json().get("id").asString();
		String outsider = TestTokens.token(UUID.randomUUID(), UUID.randomUUID());
		String teammate = TestTokens.token(UUID.randomUUID(), team, "admin");

		for (String other : List.of(outsider, teammate)) {
			assertProblem(api.get("/api/imports/" + id, other), 404, "not-found");
			assertProblem(api.get("/api/imports/" + id + "/rows", other), 404, "not-found");
			assertProblem(api.post("/api/imports/" + id + "/confirm", other, null), 404, "not-found");
			assertProblem(api.post("/api/imports/" + id + "/undo", other, null), 404, "not-found");
			assertThat(api.get("/api/imports", other).json().get("totalItems").asInt()).isZero();
		}
		assertThat(api.get("/api/imports/" + id, token).json().get("status").asString()).isEqualTo("PREVIEW");
		assertThat(api.get("/api/imports", token).json().get("totalItems").asInt()).isEqualTo(1);
		assertThat(api.get("/api/imports/" + id, null).status()).isEqualTo(401);
	}

	@Test
	void encodingsAreToldFromTheBytes() {
		JsonNode outlook = upload(token, "outlook-contacts-windows-1252.csv", "application/vnd.ms-excel").json();
		assertThat(outlook.get("format").asString()).isEqualTo("OUTLOOK_CSV");
		assertThat(outlook.get("encoding").asString()).isEqualTo("windows-1252");
		JsonNode rows = api.get("/api/imports/" + outlook.get("id").asString() + "/rows", token).json();
		assertThat(row(rows, 1).at("/contact/company").asString()).isEqualTo("Señor Café S.A.");

		JsonNode utf16 = upload(token, "linkedin-utf16le-bom.csv", null).json();
		assertThat(utf16.get("encoding").asString()).isEqualTo("UTF-16LE (BOM)");
		JsonNode utf16Rows = api.get("/api/imports/" + utf16.get("id").asString() + "/rows", token).json();
		assertThat(row(utf16Rows, 2).at("/contact/company").asString()).isEqualTo("東京大学");
	}

	@Test
	void aFileLargerThanAnyOtherRequestIsReadInFull() {
		StringBuilder csv = new StringBuilder("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
		for (int i = 1; i <= 3000; i++) {
			csv.append("Person,Number ").append(i).append(",https://www.linkedin.com/in/person-").append(i)
				.append(",person").append(i).append("@example.com,Acme Corporation,Senior Engineer,02 Jan 2024\n");
		}
		assertThat(csv.length()).as("over the 256 KB every other request is held to").isGreaterThan(256 * 1024);

		Response uploaded = api.send("POST", "/api/imports", token, BodyPublishers.ofString(csv.toString()),
				Map.of("Content-Type", "text/csv"));

		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		assertThat(uploaded.json().at("/preview/create").asInt()).isEqualTo(3000);
	}

	@Test
	void badFilesGetAClearAnswerAndChangeNothing() {
		assertProblem(upload(token, "not-an-address-book.pdf", "application/octet-stream"), 422, "unsupported-import");
		assertProblem(upload(token, "unknown-columns.csv", "text/csv"), 422, "unsupported-import");
		assertProblem(upload(token, "broken-quotes-google.csv", "text/csv"), 422, "unsupported-import");
		assertProblem(upload(token, "utf16-without-bom.csv", "text/csv"), 422, "import-encoding");
		assertProblem(upload(token, "neither-utf8-nor-windows-1252.csv", "text/csv"), 422, "import-encoding");
		assertProblem(upload(token, "empty.vcf", "text/vcard"), 422, "empty-import");
		assertProblem(upload(token, "header-only-linkedin.csv", "text/csv"), 422, "empty-import");
		Response multipart = upload(token, "google-contacts.csv", "multipart/form-data; boundary=x");
		assertProblem(multipart, 415, "unsupported-import");
		assertThat(multipart.json().get("detail").asString()).contains("Send the file itself as the body");

		byte[] tooBig = new byte[10 * 1024 * 1024 + 1];
		Response declared = api.send("POST", "/api/imports", token, BodyPublishers.ofByteArray(tooBig),
				Map.of("Content-Type", "text/csv"));
		assertProblem(declared, 413, "payload-too-large");
		assertThat(declared.json().get("detail").asString()).contains("10485760 bytes");
		Response chunked = api.send("POST", "/api/imports", token,
				BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooBig)), Map.of("Content-Type", "text/csv"));
		assertProblem(chunked, 413, "payload-too-large");

		assertThat(api.get("/api/imports", token).json().get("totalItems").asInt()).as("nothing stored").isZero();
		assertThat(api.get("/api/contacts", token).json().get("totalItems").asInt()).isZero();
	}

	private boolean createdInTeam(Message message) {
		return "ContactCreated".equals(message.type()) && message.value().contains(team.toString());
	}

	private JsonNode awaitStatus(String id, String status) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> api.get("/api/imports/" + id, token).json(), body -> status.equals(body.get("status").asString()));
	}

	private static JsonNode row(JsonNode page, int number) {
		return page.get("items")
			.valueStream()
			.filter(row -> row.get("row").asInt() == number)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no row " + number + " in " + page));
	}

	Response upload(String token, String sample, String contentType) {
		Map<String, String> headers = contentType == null ? Map.of() : Map.of("Content-Type", contentType);
		return api.send("POST", "/api/imports?fileName=" + sample, token, BodyPublishers.ofByteArray(bytes(sample)),
				headers);
	}

	static byte[] bytes(String sample) {
		try (InputStream in = ImportApiTest.class.getResourceAsStream("/imports/" + sample)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
