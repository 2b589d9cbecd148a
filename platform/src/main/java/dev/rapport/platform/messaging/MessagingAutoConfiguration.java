package dev.rapport.platform.messaging;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.events.EventCodec;
import dev.rapport.events.Topics;
import dev.rapport.platform.outbox.OutboxAutoConfiguration;

/** Idempotent event consumption and dead-letter routing for services that consume with Spring Cloud Stream. */
@AutoConfiguration(after = OutboxAutoConfiguration.class)
@ConditionalOnClass(DlqDestinationResolver.class)
@ConditionalOnBean({ JdbcClient.class, PlatformTransactionManager.class })
public class MessagingAutoConfiguration {

	@Bean
	ProcessedEvents processedEvents(JdbcClient jdbc) {
		return new ProcessedEvents(jdbc);
	}

	@Bean
	ProcessedEventsRetention processedEventsRetention(JdbcClient jdbc,
			@Value("${rapport.messaging.processed-event-retention:30d}") Duration retention,
			@Value("${rapport.messaging.processed-event-prune-interval:10m}") Duration interval) {
		return new ProcessedEventsRetention(jdbc, retention, interval);
	}

	@Bean
	EventDispatcher eventDispatcher(EventCodec codec, ProcessedEvents processed,
			PlatformTransactionManager transactionManager, MeterRegistry meters) {
		return new EventDispatcher(codec, processed, new TransactionTemplate(transactionManager), meters);
	}

	/**
	 * A record that exhausted its retries goes to {@code <topic>.dlt}, same partition, error in its headers; counted
	 * in {@code rapport.events.dead-lettered} (by the topic it came from), as each one waits for someone to look.
	 */
	@Bean
	DlqDestinationResolver dlqDestinationResolver(MeterRegistry meters) {
		return (ConsumerRecord<?, ?> record, Exception exception) -> {
			meters.counter("rapport.events.dead-lettered", "topic", record.topic()).increment();
			return Topics.deadLetter(record.topic());
		};
	}

}
