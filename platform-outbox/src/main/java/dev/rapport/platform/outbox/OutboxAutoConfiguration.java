package dev.rapport.platform.outbox;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.events.EventCodec;

/** The outbox for every service with a database and Kafka on its classpath. */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
		"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration" })
@ConditionalOnClass({ JdbcClient.class, KafkaTemplate.class })
@ConditionalOnBean({ JdbcClient.class, PlatformTransactionManager.class })
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventCodec eventCodec() {
		return new EventCodec();
	}

	@Bean
	OutboxRelay outboxRelay(JdbcClient jdbc, PlatformTransactionManager transactionManager,
			KafkaProperties kafkaProperties, JsonMapper json, OutboxProperties properties, MeterRegistry meters,
			ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator, Environment environment) {
		// The records' ce_source: a service that publishes events has to say which one it is.
		String applicationName = environment.getProperty("spring.application.name");
		if (applicationName == null || applicationName.isBlank()) {
			throw new IllegalStateException("The outbox needs spring.application.name: it is every record's "
					+ "CloudEvents source (/rapport/<name>)");
		}
		return new OutboxRelay(jdbc, new TransactionTemplate(transactionManager), outboxKafkaTemplate(kafkaProperties, properties),
				json, properties, meters, tracer, propagator, applicationName);
	}

	@Bean
	Outbox outbox(JdbcClient jdbc, EventCodec codec, JsonMapper json, OutboxRelay relay,
			ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		return new Outbox(jdbc, codec, json, relay, tracer, propagator);
	}

	/**
	 * The relay's own producer: durable ({@code acks=all}, idempotent, so its retries add no duplicates and keep a
	 * partition's order) and never giving up on a record: one that expired in the producer could still be delivered
	 * after later records of its partition, so the relay waits instead (see {@link OutboxRelay}). It does give up
	 * quickly on a topic whose metadata it cannot fetch ({@code max.block.ms}); nothing was sent then.
	 */
	private static KafkaTemplate<String, byte[]> outboxKafkaTemplate(KafkaProperties kafkaProperties,
			OutboxProperties properties) {
		Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
		int sendTimeoutMs = (int) properties.sendTimeout().toMillis();
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeoutMs);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, sendTimeoutMs / 2));
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
		config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
		DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(config);
		// On shutdown during an outage: what is still unacknowledged stays in the table for the next start.
		factory.setPhysicalCloseTimeout((int) Math.max(1, properties.sendTimeout().toSeconds()));
		return new KafkaTemplate<>(factory);
	}

}
