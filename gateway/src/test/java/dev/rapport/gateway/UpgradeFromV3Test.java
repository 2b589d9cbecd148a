package dev.rapport.gateway;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.rapport.events.EventCodec;
import dev.rapport.events.MemberState;
import dev.rapport.events.Topics;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TestInfrastructure.TestDatabase;
import dev.rapport.platform.test.TopicReader;
import dev.rapport.platform.test.TopicReader.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deployment's gateway database as the gateway before members' state left it (migrated to V3, a team and its admin
 * in it), started with this gateway: the platform's outbox migrations (V0_x) are applied after V3, the marker column
 * (V4) added, the admin signs in as before and is published once, and a second instance started on the same database
 * publishes them no more.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(UpgradeFromV3Test.DatabaseAtV3.class)
class UpgradeFromV3Test {

	static final UUID ADMIN_ID = UUID.randomUUID();

	static final UUID TEAM_ID = UUID.randomUUID();

	private static final Duration PUBLISHED = Duration.ofSeconds(30);

	@Autowired
	WebTestClient http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestDatabase database;

	@Test
	void theOutboxMigrationsRunAfterV3AndEveryMemberIsPublishedOnceHoweverOftenTheGatewayStarts() {
		List<String> applied = jdbc.sql("select version from flyway_schema_history where success order by installed_rank")
			.query(String.class)
			.list();
		assertThat(applied).as("the old gateway's V1-V3, then the outbox's out of order, then V4")
			.containsExactly("1", "2", "3", "0.1", "0.5", "4");
		assertThat(jdbc.sql("select count(*) from outbox_event where published_at is null").query(Long.class).single())
			.isNotNegative();

		try (TopicReader topic = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), Topics.MEMBERS_STATE)) {
			MemberState admin = state(awaitRecords(topic, ADMIN_ID.toString(), 1).getFirst());
			assertThat(admin.teamId()).isEqualTo(TEAM_ID);
			assertThat(admin.email()).isEqualTo(GatewayTestDatabase.ADMIN_EMAIL);
			assertThat(admin.roles()).containsExactly("admin", "operator");

			// The admin of before signs in as before, and what they do now is published.
			WebTestClient signedIn = GatewayTestDatabase.signedIn(http);
			JsonNode added = JsonMapper.builder().build().readTree(signedIn.post().uri("/api/team/members")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"email\": \"new@example.com\", \"displayName\": \"New\"}")
				.exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
			awaitRecords(topic, added.at("/member/id").asString(), 1);

			// A second instance on the same database: its start publishes nobody again.
			try (ConfigurableApplicationContext second = secondInstance()) {
				assertThat(second.isRunning()).isTrue();
			}
			String later = UUID.randomUUID() + "@example.com";
			JsonNode laterMember = JsonMapper.builder().build().readTree(signedIn.post().uri("/api/team/members")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"email\": \"%s\", \"displayName\": \"Later\"}".formatted(later))
				.exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
			awaitRecords(topic, laterMember.at("/member/id").asString(), 1);
			assertThat(topic.messagesWithin(message -> ADMIN_ID.toString().equals(message.key()), Duration.ofSeconds(1)))
				.as("the admin of before, published once").hasSize(1);
		}
	}

	private ConfigurableApplicationContext secondInstance() {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(GatewayApplication.class);
		List<String> arguments = new java.util.ArrayList<>();
		GatewayTestDatabase.settings(database).forEach((name, value) -> arguments.add("--" + name + "=" + value.get()));
		arguments.add("--server.port=0");
		arguments.add("--management.server.port=0");
		return builder.run(arguments.toArray(String[]::new));
	}

	private static List<Message> awaitRecords(TopicReader topic, String key, int count) {
		return topic.awaitMessages(message -> key.equals(message.key()), records -> records.size() >= count,
				PUBLISHED);
	}

	private static MemberState state(Message message) {
		return new EventCodec().deserialize(message.value().getBytes(StandardCharsets.UTF_8), MemberState.class);
	}

	/** A database the gateway of before migrated (V1-V3 only) and created a team and its admin in. */
	@TestConfiguration(proxyBeanMethods = false)
	static class DatabaseAtV3 {

		@Bean(destroyMethod = "close")
		TestDatabase testDatabase() {
			TestDatabase database = TestInfrastructure.newDatabase();
			Flyway.configure()
				.dataSource(database.jdbcUrl(), database.server().username(), database.server().password())
				.locations("classpath:db/migration")
				.target("3")
				.load()
				.migrate();
			JdbcClient jdbc = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(
					database.jdbcUrl(), database.server().username(), database.server().password()));
			Instant then = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MICROS);
			jdbc.sql("insert into team (id, name, created_at) values (:id, 'Before', :at)")
				.param("id", TEAM_ID)
				.param("at", Timestamp.from(then))
				.update();
			jdbc.sql("""
					insert into member (id, team_id, email, display_name, password_hash, roles, created_at)
					values (:id, :team, :email, 'Admin', :hash, array['admin', 'operator'], :at)""")
				.param("id", ADMIN_ID)
				.param("team", TEAM_ID)
				.param("email", GatewayTestDatabase.ADMIN_EMAIL)
				.param("hash", "{argon2}" + Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()
					.encode(GatewayTestDatabase.ADMIN_PASSWORD))
				.param("at", Timestamp.from(then))
				.update();
			return database;
		}

		@Bean
		DynamicPropertyRegistrar databaseAtV3(TestDatabase database) {
			return registry -> GatewayTestDatabase.register(registry, database);
		}

	}

}
