package dev.rapport.platform.idempotency;

import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.platform.retention.AgeRetention;

/** Idempotency keys for every servlet-based service with a database (its {@code idempotency_key} table). */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(JdbcClient.class)
public class IdempotencyAutoConfiguration {

	@Bean
	IdempotencyKeys idempotencyKeys(JdbcClient jdbc, JsonMapper json) {
		return new IdempotencyKeys(jdbc, json);
	}

	/** A resend comes within minutes of the first try: a day is generous, and bounds the table. */
	@Bean
	AgeRetention idempotencyKeyRetention(JdbcClient jdbc,
			@Value("${rapport.idempotency.key-retention:24h}") Duration retention,
			@Value("${rapport.idempotency.prune-interval:10m}") Duration interval) {
		return new AgeRetention(jdbc, "idempotency_key", """
				delete from idempotency_key where ctid in (
				  select ctid from idempotency_key
				  where created_at < now() - make_interval(secs => :seconds) limit :batch)
				""", retention, interval);
	}

}
