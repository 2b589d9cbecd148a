package dev.rapport.platform.test.app;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

import dev.rapport.events.Topics;

/** {@link PlatformTestApplication} on the real broker and database; one context for every test that uses it. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.application.name=" + PlatformTestApplication.NAME,
				"spring.cloud.function.definition=contactEvents",
				"spring.cloud.stream.bindings.contactEvents-in-0.destination=" + Topics.CONTACTS,
				"spring.cloud.stream.bindings.contactEvents-in-0.group=" + PlatformTestApplication.NAME })
public @interface PlatformServiceTest {

}
