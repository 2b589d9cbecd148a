package dev.rapport.reminders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.rapport.events.ContactEvent;
import dev.rapport.events.ContactSnapshot;
import dev.rapport.events.ContactSnapshot.Cadence;
import dev.rapport.events.ContactSnapshot.ImportantDate;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.events.EventCodec;
import dev.rapport.events.InteractionEvent;
import dev.rapport.events.InteractionSnapshot;
import dev.rapport.events.InteractionSnapshot.FollowUp;
import dev.rapport.events.RapportEvent;
import dev.rapport.events.Topics;
import dev.rapport.platform.test.TestInfrastructure;

/** Produces events onto the real topics exactly as contacts- and interactions-service do: keyed, typed, JSON. */
final class EventFeed implements AutoCloseable {

	private final EventCodec codec = new EventCodec();

	private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
			ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
			ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
			ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));

	void send(RapportEvent event) {
		String topic = switch (event) {
			case ContactEvent e -> Topics.CONTACTS;
			case InteractionEvent e -> Topics.INTERACTIONS;
			default -> throw new IllegalArgumentException("Not an input of reminders-service: " + event.type());
		};
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.key(), codec.serialize(event));
		record.headers().add(Topics.EVENT_TYPE_HEADER, event.type().getBytes(StandardCharsets.UTF_8));
		try {
			producer.send(record).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
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
		producer.close();
	}

}
