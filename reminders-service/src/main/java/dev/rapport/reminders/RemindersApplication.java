package dev.rapport.reminders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * reminders-service: consumes contact and interaction events, keeps each relationship's state, publishes cooling
 * and reminder events on {@code rapport.relationships.v1} and {@code rapport.reminders.v1}, and serves the agenda.
 */
@SpringBootApplication
@EnableConfigurationProperties(RemindersProperties.class)
public class RemindersApplication {

	public static void main(String[] args) {
		SpringApplication.run(RemindersApplication.class, args);
	}

}
