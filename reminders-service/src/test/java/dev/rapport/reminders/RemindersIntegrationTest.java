package dev.rapport.reminders;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

import dev.rapport.platform.test.ServiceIntegrationTest;

/**
 * reminders-service on the real broker and database, with its scheduler and webhook worker driven by the test (no
 * background runs; webhooks may reach the tests' receivers on this machine) and
 * consumer groups of its own, so a second cached context in this JVM never takes this one's partitions. Every
 * class uses exactly this annotation, so they share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ServiceIntegrationTest
@TestPropertySource(properties = { "rapport.reminders.scheduler.enabled=false",
		"rapport.reminders.scheduler.batch-size=5",
		"spring.cloud.stream.bindings.contactEvents-in-0.group=reminders-test-${random.uuid}",
		"spring.cloud.stream.bindings.interactionEvents-in-0.group=reminders-test-${random.uuid}",
		"spring.cloud.stream.bindings.webhookEvents-in-0.group=reminders-test-${random.uuid}",
		"rapport.members.consumer-group=reminders-test-${random.uuid}",
		"rapport.webhooks.worker.enabled=false", "rapport.webhooks.allow-private-targets=true" })
public @interface RemindersIntegrationTest {

}
