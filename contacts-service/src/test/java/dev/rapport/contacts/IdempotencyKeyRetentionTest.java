package dev.rapport.contacts;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.platform.retention.AgeRetention;
import dev.rapport.platform.test.ServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code idempotency_key} stays bounded: keys older than a day go, younger ones stay. */
@ServiceIntegrationTest
class IdempotencyKeyRetentionTest {

	@Autowired
	@Qualifier("idempotencyKeyRetention")
	AgeRetention retention;

	@Autowired
	JdbcClient jdbc;

	@Test
	void forgetsOnlyKeysOlderThanADay() {
		String old = claimed("25 hours");
		String recent = claimed("23 hours");

		assertThat(retention.prune()).isGreaterThanOrEqualTo(1);

		assertThat(exists(old)).isFalse();
		assertThat(exists(recent)).as("within the retention").isTrue();
	}

	private String claimed(String ago) {
		String key = UUID.randomUUID().toString();
		jdbc.sql("""
				insert into idempotency_key (team_id, user_id, operation, key, request_hash, resource_id, created_at)
				values (:team, :user, 'POST /api/contacts', :key, 'hash', :id, now() - cast(:ago as interval))
				""")
			.param("team", UUID.randomUUID())
			.param("user", UUID.randomUUID())
			.param("key", key)
			.param("id", UUID.randomUUID())
			.param("ago", ago)
			.update();
		return key;
	}

	private boolean exists(String key) {
		return jdbc.sql("select count(*) from idempotency_key where key = :key").param("key", key).query(Long.class)
			.single() == 1;
	}

}
