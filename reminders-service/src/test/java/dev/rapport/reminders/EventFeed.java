package dev.rapport.reminders;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.RecordMetadata;

import dev.rapport.events.ContactSnapshot;
import dev.rapport.events.ContactSnapshot.Cadence;
import dev.rapport.events.ContactSnapshot.ImportantDate;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.events.InteractionSnapshot;
import dev.rapport.events.InteractionSnapshot.FollowUp;
import dev.rapport.events.RapportEvent;
import dev.rapport.platform.test.TopicWriter;

/**
 * Produces events onto the real topics exactly as contacts- and interactions-service do: keyed, typed, JSON; and,
 * for the dead-letter tests, records they never would.
 */
final class EventFeed implements AutoCloseable {

	private final TopicWriter writer = new TopicWriter();

	RecordMetadata send(RapportEvent event) {
		return writer.send(event);
	}

	/** A record as a broken or careless producer might write it: any bytes, any (or no) type header. */
	RecordMetadata sendRaw(String topic, String key, String type, byte[] value) {
		return writer.sendRaw(topic, key, type, value);
	}

	static ContactSnapshot contact(String name, Cadence cadence, Visibility visibility, Instant createdAt,
			ImportantDate... dates) {
		return new ContactSnapshot(name, null, null, List.of(), List.of(), null, null, null, null, List.of(), List.of(),
				null, List.of(dates), cadence, visibility, false, 1, createdAt, createdAt);
	}

	static InteractionSnapshot interaction(List<UUID> participants, Instant happenedAt, String summary,
			List<String> questions, FollowUp... followUps) {
		return new InteractionSnapshot(participants, InteractionSnapshot.Type.COFFEE_OR_MEAL, happenedAt, "UTC", null, null,
				null, summary, questions, List.of(followUps), null, 1, happenedAt, happenedAt);
	}

	static java.time.LocalDate date(Instant instant) {
		return instant.atZone(ZoneOffset.UTC).toLocalDate();
	}

	@Override
	public void close() {
		writer.close();
	}

}
