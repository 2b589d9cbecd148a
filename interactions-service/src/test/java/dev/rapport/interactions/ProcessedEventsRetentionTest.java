package dev.rapport.interactions;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.platform.messaging.ProcessedEventsRetention;
import dev.rapport.platform.test.ServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code processed_event} stays bounded: ids older than the retention (30 days) go, younger ones stay. */
@ServiceIntegrationTest
class ProcessedEventsRetentionTest {

	@Autowired
	ProcessedEventsRetention retention;

	@Autowired
	JdbcClient jdbc;

	@Test
	void forgetsOnlyIdsOlderThanTheRetention() {
		UUID old = processed("40 days");
		UUID older = processed("400 days");
		UUID recent = processed("29 days");
		UUID now = processed("0 days");

		assertThat(retention.prune()).isGreaterThanOrEqualTo(2);

		assertThat(exists(old)).isFalse();
		assertThat(exists(older)).isFalse();
		assertThat(exists(recent)).as("within the retention").isTrue();
		assertThat(exists(now)).isTrue();
	}

	private UUID processed(String ago) {
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into processed_event (event_id, event_type, processed_at) values (:id, 'ContactCreated', "
				+ "now() - cast(:ago as interval))").param("id", id).param("ago", ago).update();
		return id;
	}

	private boolean exists(UUID id) {
		return jdbc.sql("select count(*) from processed_event where event_id = :id")
			.param("id", id)
			.query(Long.class)
			.single() == 1;
	}

}
