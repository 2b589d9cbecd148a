package dev.rapport.gateway.member;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.rapport.gateway.GatewayTestDatabase;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TestInfrastructure.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway whose Kafka is away (nothing listens where it points): signing in and managing members work as ever,
 * and the members' state waits in the outbox table for the relay, which keeps trying.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(KafkaAwayTest.NoBroker.class)
class KafkaAwayTest {

	@Autowired
	WebTestClient http;

	@Autowired
	JdbcClient jdbc;

	@Test
	void identityWorksAndTheStateWaitsInTheOutbox() {
		WebTestClient admin = GatewayTestDatabase.signedIn(http).mutate().responseTimeout(Duration.ofSeconds(5)).build();
		JsonNode added = JsonMapper.builder().build().readTree(admin.post().uri("/api/team/members")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"email\": \"offline@example.com\", \"displayName\": \"Offline\"}")
			.exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
		String id = added.at("/member/id").asString();
		admin.put().uri("/api/team/members/" + id + "/role").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"role\": \"ADMIN\"}").exchange().expectStatus().isOk();
		admin.delete().uri("/api/team/members/" + id).exchange().expectStatus().isNoContent();

		assertThat(jdbc.sql("""
				select count(*) from outbox_event
				where record_key = :key and topic = 'rapport.members.state.v1' and published_at is null""")
			.param("key", id).query(Long.class).single()).as("joined, promoted, removed: waiting").isEqualTo(3);
	}

	/** The test database, and a Kafka address where nothing listens. */
	@TestConfiguration(proxyBeanMethods = false)
	static class NoBroker {

		@Bean(destroyMethod = "close")
		TestDatabase testDatabase() {
			return TestInfrastructure.newDatabase();
		}

		@Bean
		DynamicPropertyRegistrar noBroker(TestDatabase database) {
			return registry -> {
				Map<String, Supplier<Object>> settings = GatewayTestDatabase.settings(database);
				settings.put("spring.kafka.bootstrap-servers", () -> "127.0.0.1:9");
				// Short tries, so the stop at the end does not wait long for a broker that never answers.
				settings.put("rapport.outbox.send-timeout", () -> "1s");
				settings.forEach(registry::add);
			};
		}

	}

}
