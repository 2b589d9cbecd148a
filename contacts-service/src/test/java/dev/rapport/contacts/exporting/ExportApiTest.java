package dev.rapport.contacts.exporting;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ezvcard.Ezvcard;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ApiClient.Response;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestTokens;

import static dev.rapport.platform.test.ProblemAssertions.assertFieldProblem;
import static dev.rapport.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports through the API on the real database: what each format holds, only what the caller can see, and the round
 * trip: the export imported again previews every row as EXISTING and its confirmation creates nothing.
 */
@ServiceIntegrationTest
class ExportApiTest {

	@LocalServerPort
	int port;

	ApiClient api;

	String member;

	String teammate;

	String ada;

	String noEmail;

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		UUID team = UUID.randomUUID();
		member = TestTokens.token(UUID.randomUUID(), team);
		teammate = TestTokens.token(UUID.randomUUID(), team);
		ada = id(api.post("/api/contacts", member, """
				{"displayName": "Ada Lovelace", "givenName": "Ada", "familyName": "Lovelace",
				 "emails": [{"address": "ada@example.org", "label": "home"}, {"address": "ada@work.example"}],
				 "phones": [{"number": "+44 20 7946 0001", "label": "mobile"}], "company": "Analytical Engines",
				 "title": "Mathematician", "location": "London, UK", "tags": ["friends"],
				 "context": "Writes poetry; \\"notes\\", with commas\\nand lines.",
				 "importantDates": [{"kind": "BIRTHDAY", "month": 12, "day": 10, "year": 1985},
				   {"kind": "ANNIVERSARY", "month": 6, "day": 1}]}"""));
		noEmail = id(api.post("/api/contacts", member, """
				{"displayName": "Zoë Leap", "phones": [{"number": "+49 30 1234567"}],
				 "importantDates": [{"kind": "BIRTHDAY", "month": 2, "day": 29},
				   {"kind": "CUSTOM", "label": "Name day", "month": 3, "day": 7}]}"""));
		String archived = id(api.post("/api/contacts", member, """
				{"displayName": "Old Friend", "emails": [{"address": "old@example.org"}]}"""));
		api.post("/api/contacts/" + archived + "/archive", member, null);
		api.post("/api/contacts", teammate, """
				{"displayName": "Shared Sam", "visibility": "TEAM", "emails": [{"address": "sam@example.org"}]}""");
		api.post("/api/contacts", teammate, """
				{"displayName": "Private Pat", "emails": [{"address": "pat@example.org"}]}""");
	}

	@Test
	void aVCardExportHoldsWhatTheCallerCanSeeAndImportsBackAsExisting() {
		Response export = api.get("/api/contacts/export?format=vcard", member);

		assertThat(export.status()).as(export.toString()).isEqualTo(200);
		assertThat(export.header("Content-Type")).isEqualTo("text/vcard;charset=utf-8");
		assertThat(export.header("Content-Disposition")).startsWith("attachment;")
			.contains("filename=\"rapport-contacts-").contains(".vcf\"");
		List<VCard> cards = Ezvcard.parse(export.body()).all();
		assertThat(cards).extracting(card -> card.getFormattedName().getValue())
			.containsExactly("Ada Lovelace", "Old Friend", "Shared Sam", "Zoë Leap");
		VCard card = cards.getFirst();
		assertThat(card.getVersion()).isEqualTo(VCardVersion.V4_0);
		assertThat(card.getUid().getValue()).isEqualTo("urn:uuid:" + ada);
		assertThat(card.getEmails()).extracting(email -> email.getValue())
			.containsExactly("ada@example.org", "ada@work.example");
		assertThat(card.getBirthday().getDate()).hasToString("1985-12-10");
		assertThat(card.getAnniversary().getPartialDate().getMonth()).isEqualTo(6);
		assertThat(card.getCategories().getValues()).containsExactly("friends");
		assertThat(card.getNotes().getFirst().getValue()).isEqualTo("Writes poetry; \"notes\", with commas\nand lines.");
		VCard leap = cards.getLast();
		assertThat(leap.getBirthday().getPartialDate().getMonth()).isEqualTo(2);
		assertThat(leap.getBirthday().getPartialDate().getDate()).isEqualTo(29);

		assertRoundTripCreatesNothing(export.body(), "text/vcard", 4);
	}

	@Test
	void aCsvExportHasGooglesColumnsAndImportsBackAsExisting() throws IOException {
		Response export = api.get("/api/contacts/export?format=CSV", member);

		assertThat(export.status()).as(export.toString()).isEqualTo(200);
		assertThat(export.header("Content-Type")).isEqualTo("text/csv;charset=utf-8");
		assertThat(export.header("Content-Disposition")).contains(".csv\"");
		assertThat(export.body()).startsWith("\uFEFFName,First Name,Last Name,");
		List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
			.parse(new StringReader(export.body().substring(1)))
			.getRecords();
		assertThat(rows).extracting(row -> row.get("Name"))
			.containsExactly("Ada Lovelace", "Old Friend", "Shared Sam", "Zoë Leap");
		CSVRecord first = rows.getFirst();
		assertThat(first.get("E-mail 1 - Value")).isEqualTo("ada@example.org");
		assertThat(first.get("E-mail 1 - Label")).isEqualTo("home");
		assertThat(first.get("Birthday")).isEqualTo("1985-12-10");
		assertThat(first.get("Event 1 - Label")).isEqualTo("Anniversary");
		assertThat(first.get("Event 1 - Value")).isEqualTo("--06-01");
		assertThat(first.get("Address 1 - City")).isEqualTo("London, UK");
		assertThat(first.get("Notes")).isEqualTo("Writes poetry; \"notes\", with commas\nand lines.");
		assertThat(rows.getLast().get("Birthday")).isEqualTo("--02-29");
		assertThat(rows.getLast().get("Event 1 - Label")).isEqualTo("Name day");

		assertRoundTripCreatesNothing(export.body(), "text/csv", 4);
	}

	@Test
	void aTagOrOneContactIsExportedAloneAndNothingUnseenIs() {
		List<VCard> tagged = Ezvcard.parse(api.get("/api/contacts/export?format=vcard&tag=friends", member).body())
			.all();
		assertThat(tagged).extracting(card -> card.getFormattedName().getValue()).containsExactly("Ada Lovelace");

		Response one = api.get("/api/contacts/" + noEmail + "/export", member);
		assertThat(one.status()).as(one.toString()).isEqualTo(200);
		assertThat(one.header("Content-Disposition")).contains(".vcf");
		assertThat(Ezvcard.parse(one.body()).all()).singleElement()
			.satisfies(card -> assertThat(card.getUid().getValue()).isEqualTo("urn:uuid:" + noEmail));

		assertThat(Ezvcard.parse(api.get("/api/contacts/export", teammate).body()).all())
			.extracting(card -> card.getFormattedName().getValue())
			.as("the member's private contacts never reach a teammate")
			.containsExactly("Private Pat", "Shared Sam");
		assertProblem(api.get("/api/contacts/" + ada + "/export", teammate), 404, "not-found");
	}

	@Test
	void anUnknownFormatIsABadRequestNamingTheField() {
		Response answer = api.get("/api/contacts/export?format=pdf", member);
		assertProblem(answer, 400, "validation");
		assertThat(assertFieldProblem(answer, "format")).contains("vcard, csv");
		assertProblem(api.get("/api/contacts/" + ada + "/export?format=xml", member), 400, "validation");
	}

	/** Uploads the export and confirms it: every row is EXISTING, nothing is created. */
	private void assertRoundTripCreatesNothing(String file, String contentType, int rows) {
		int before = api.get("/api/contacts?archived=ALL", member).json().get("totalItems").asInt();
		Response uploaded = api.send("POST", "/api/imports?fileName=export", member, BodyPublishers.ofString(file),
				Map.of("Content-Type", contentType));
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		JsonNode preview = uploaded.json();
		assertThat(preview.get("totalRows").asInt()).isEqualTo(rows);
		assertThat(preview.at("/preview/existing").asInt()).as(preview.toString()).isEqualTo(rows);
		String id = preview.get("id").asString();
		api.post("/api/imports/" + id + "/confirm", member, null);
		JsonNode done = Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> api.get("/api/imports/" + id, member).json(),
					body -> "DONE".equals(body.get("status").asString()));
		assertThat(done.at("/results/created").asInt()).isZero();
		assertThat(api.get("/api/contacts?archived=ALL", member).json().get("totalItems").asInt()).isEqualTo(before);
	}

	private static String id(Response created) {
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}

}
