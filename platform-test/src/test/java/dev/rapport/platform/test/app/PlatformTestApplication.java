package dev.rapport.platform.test.app;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;

import dev.rapport.events.RapportEvent;
import dev.rapport.events.Topics;
import dev.rapport.platform.messaging.EventDispatcher;
import dev.rapport.platform.test.ServiceTestConfiguration;

/**
 * The smallest service platform's own outbox and dispatcher run in, on the real broker and a database of its own:
 * it publishes through the outbox and consumes {@link Topics#CONTACTS} through the dispatcher.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ServiceTestConfiguration.class)
public class PlatformTestApplication {

	public static final String NAME = "platform-test-service";

	@Bean
	HandledEvents handledEvents() {
		return new HandledEvents();
	}

	@Bean
	Consumer<Message<byte[]>> contactEvents(EventDispatcher dispatcher, HandledEvents handled) {
		return dispatcher.consumer("platform-test.contacts", handled.events::add);
	}

	/** Every event the dispatcher handed to the handler, in order. */
	public static final class HandledEvents {

		private final List<RapportEvent> events = new CopyOnWriteArrayList<>();

		public long count(UUID eventId) {
			return events.stream().filter(event -> event.eventId().equals(eventId)).count();
		}

	}

}
