package dev.rapport.contacts.contact.search;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.contacts.contact.Contact;
import dev.rapport.contacts.contact.ContactRepository;
import dev.rapport.platform.test.ServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark generator ({@code benchmark-contacts.sql}, run by SearchBenchmark and devstack's seed-contacts) writes
 * rows exactly as contacts-service does: each generated row, read and written back unchanged through
 * {@link ContactRepository}, stays the same row, search_text included. A column the service adds to its search text
 * or a change to how it stores emails fails here, not as a benchmark that quietly measures other data.
 */
@ServiceIntegrationTest
class BenchmarkContactsTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ContactRepository contacts;

	@Test
	void generatedRowsAreWhatTheRepositoryWrites() throws IOException {
		UUID team = UUID.randomUUID();
		UUID owner = UUID.randomUUID();
		int count = 2_000;
		assertThat(jdbc.sql(SearchBenchmark.generator()).param(team).param(owner).param(count).update())
			.isEqualTo(count);

		List<UUID> ids = jdbc.sql("select id from contact where team_id = :team order by id")
			.param("team", team)
			.query(UUID.class)
			.list();
		List<String> generated = rows(team);
		for (UUID id : ids) {
			Contact contact = contacts.find(team, id).orElseThrow();
			assertThat(contact.ownerId()).isEqualTo(owner);
			assertThat(contacts.update(contact, contact.version())).isTrue();
		}
		List<String> rewritten = rows(team);
		assertThat(rewritten).hasSize(count);
		for (int i = 0; i < count; i++) {
			assertThat(rewritten.get(i)).as("a generated row as ContactRepository writes it").isEqualTo(generated.get(i));
		}
		assertThat(jdbc.sql("select count(*) from contact where team_id = :team and search_text like '%lovelace%'")
			.param("team", team)
			.query(Long.class)
			.single()).as("one in 997 is a Lovelace").isEqualTo(count / 997);
	}

	/** Each row of the team as JSON, every column, in id order. */
	private List<String> rows(UUID team) {
		return jdbc.sql("select to_jsonb(c)::text from contact c where team_id = :team order by id")
			.param("team", team)
			.query(String.class)
			.list();
	}

}
