package dev.rapport.reminders.relationship;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import dev.rapport.platform.messaging.EventDispatcher;

/**
 * The two Spring Cloud Stream consumers (group {@code reminders-service}, bindings in application.yml): contact
 * events and interaction events, each applied exactly once through the platform's {@link EventDispatcher}.
 */
@Configuration(proxyBeanMethods = false)
public class EventIntake {

	@Bean
	public Consumer<Message<byte[]>> contactEvents(EventDispatcher dispatcher, ContactEventHandler handler) {
		return dispatcher.consumer("reminders.contacts", handler::handle);
	}

	@Bean
	public Consumer<Message<byte[]>> interactionEvents(EventDispatcher dispatcher, InteractionEventHandler handler) {
		return dispatcher.consumer("reminders.interactions", handler::handle);
	}

}
