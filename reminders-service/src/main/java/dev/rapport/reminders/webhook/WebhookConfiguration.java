package dev.rapport.reminders.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.platform.retention.AgeRetention;

/** Webhook settings, and the delivery log kept bounded by age. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

	/** Deliveries that are done with (delivered or given up) leave the log after {@code log-retention}. */
	@Bean
	AgeRetention webhookDeliveryRetention(JdbcClient jdbc, WebhookProperties properties) {
		return new AgeRetention(jdbc, "webhook_delivery", """
				delete from webhook_delivery where id in (
				  select id from webhook_delivery
				  where status in ('DELIVERED', 'GAVE_UP') and created_at < now() - make_interval(secs => :seconds)
				  limit :batch)
				""", properties.logRetention(), Duration.ofHours(1));
	}

}
