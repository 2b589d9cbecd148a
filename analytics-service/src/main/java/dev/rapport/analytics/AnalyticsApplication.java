package dev.rapport.analytics;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * analytics-service: the reference consumer of the analytics tier. A Kafka Streams application reading only
 * {@code rapport.analytics.conversations.v1} and {@code rapport.analytics.relationships.v1}, materializing team
 * insights in state stores (no database), and serving them under {@code /api/insights}.
 */
@SpringBootApplication
public class AnalyticsApplication {

	public static void main(String[] args) {
		SpringApplication.run(AnalyticsApplication.class, args);
	}

}
