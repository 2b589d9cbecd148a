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

	static final String HOST_HEADER_PROPERTY = "jdk.httpclient.allowRestrictedHeaders";

	public static void main(String[] args) {
		// Before anything loads the JDK HTTP client, which reads it once: webhooks connect to the address they checked
		// and name the host in the Host header (WebhookSender).
		if (System.getProperty(HOST_HEADER_PROPERTY) == null) {
			System.setProperty(HOST_HEADER_PROPERTY, "host");
		}
		SpringApplication.run(RemindersApplication.class, args);
	}

}
