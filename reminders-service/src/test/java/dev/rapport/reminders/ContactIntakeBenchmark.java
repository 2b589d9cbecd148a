package dev.rapport.reminders;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.platform.test.ContactBurst;
import dev.rapport.platform.test.ContactBurst.Result;
import dev.rapport.platform.test.ServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * reminders-service's part of the 100,000-contact import: how fast it makes a relationship of each ContactCreated in
 * the import's burst (a birthday each, so each also gets its date reminder). Not part of the test suite (the name
 * does not end in Test); run it with:
 *
 * <pre>./mvnw -pl reminders-service -am test -Dtest=ContactIntakeBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * ({@code -Dbenchmark.rows=...} for another size). Figures go to {@code target/benchmarks/contact-intake.md}.
 */
@ServiceIntegrationTest
class ContactIntakeBenchmark {

	static final int ROWS = Integer.getInteger("benchmark.rows", 100_000);

	@Autowired
	JdbcClient jdbc;

	@Test
	void makesARelationshipOfEachImportedContact() {
		UUID team = UUID.randomUUID();
		Result result = ContactBurst.run("reminders-service's relationships", ROWS, team,
				() -> jdbc.sql("select count(*) from relationship where team_id = :team and known")
					.param("team", team)
					.query(Long.class)
					.single(),
				Path.of("target/benchmarks/contact-intake.md"));
		assertThat(result.events()).isEqualTo(ROWS);
	}

}
