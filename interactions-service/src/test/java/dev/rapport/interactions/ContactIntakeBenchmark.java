package dev.rapport.interactions;

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
 * interactions-service's part of the 100,000-contact import: how fast its contact replica takes in the import's
 * ContactCreated burst. Not part of the test suite (the name does not end in Test); run it with:
 *
 * <pre>./mvnw -pl interactions-service -am test -Dtest=ContactIntakeBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * ({@code -Dbenchmark.rows=...} for another size). Figures go to {@code target/benchmarks/contact-intake.md}.
 */
@ServiceIntegrationTest
class ContactIntakeBenchmark {

	static final int ROWS = Integer.getInteger("benchmark.rows", 100_000);

	@Autowired
	JdbcClient jdbc;

	@Test
	void takesInAnImportsContacts() {
		UUID team = UUID.randomUUID();
		Result result = ContactBurst.run("interactions-service's contact replica", ROWS, team,
				() -> jdbc.sql("select count(*) from contact_replica where team_id = :team")
					.param("team", team)
					.query(Long.class)
					.single(),
				Path.of("target/benchmarks/contact-intake.md"));
		assertThat(result.events()).isEqualTo(ROWS);
	}

}
