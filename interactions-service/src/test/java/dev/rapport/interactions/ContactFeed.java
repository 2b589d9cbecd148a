package dev.rapport.interactions;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.ContactCreated;
import dev.rapport.events.ContactEvent;
import dev.rapport.events.ContactSnapshot;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.events.EventCodec;
import dev.rapport.events.Topics;
import dev.rapport.interactions.contact.ContactReplica;
import dev.rapport.interactions.contact.ContactReplicaRepository;
import dev.rapport.platform.test.TopicWriter;

/**
 * Plays contacts-service in tests: produces contact events on {@code rapport.contacts.v1} exactly as its outbox relay
 * does (key = contact id, type header, {@link EventCodec} JSON), and waits for this service's replica to follow.
 */
public final class ContactFeed implements AutoCloseable {

	static final Duration PATIENCE = Duration.ofSeconds(60);

	private final TopicWriter writer = new TopicWriter();

	private final ContactReplicaRepository replicas;

	private final JdbcClient jdbc;

	public ContactFeed(ContactReplicaRepository replicas, JdbcClient jdbc) {
		this.replicas = replicas;
		this.jdbc = jdbc;
	}

	/** A contact's state as contacts-service would publish it. */
	public static ContactSnapshot snapshot(Visibility visibility, long version, boolean archived) {
		Instant at = Instant.parse("2026-01-01T00:00:00Z").plus(version, ChronoUnit.MINUTES);
		return new ContactSnapshot("Someone", null, null, List.of(), List.of(), null, null, null, null, List.of(),
				List.of(), null, List.of(), null, visibility, archived, version, at, at);
	}

	public RecordMetadata send(ContactEvent event) {
		return writer.send(event);
	}

	public RecordMetadata sendRaw(String key, String type, byte[] value) {
		return writer.sendRaw(Topics.CONTACTS, key, type, value);
	}

	/** Publishes a new contact and waits until the replica knows it. */
	public UUID contact(UUID team, UUID owner, Visibility visibility) {
		return contact(team, owner, visibility, null);
	}

	/** The same, for a contact {@code introducedBy} introduced (its howWeMet), when not null. */
	public UUID contact(UUID team, UUID owner, Visibility visibility, UUID introducedBy) {
		UUID id = UUID.randomUUID();
		ContactSnapshot plain = snapshot(visibility, 1, false);
		ContactSnapshot snapshot = introducedBy == null ? plain
				: new ContactSnapshot(plain.displayName(), null, null, List.of(), List.of(), null, null, null,
						new ContactSnapshot.HowWeMet(null, null, introducedBy, null), List.of(), List.of(), null,
						List.of(), null, visibility, false, 1, plain.createdAt(), plain.updatedAt());
		send(ContactCreated.of(id, team, owner, snapshot, Instant.now()));
		awaitReplica(id, replica -> replica.version() == 1);
		return id;
	}

	public ContactReplica awaitReplica(UUID contactId, Predicate<ContactReplica> condition) {
		return Awaitility.await()
			.atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> replicas.find(contactId).orElse(null), replica -> replica != null && condition.test(replica));
	}

	/** Waits until the consumer has applied (or deduplicated) the event with this id. */
	public void awaitProcessed(UUID eventId) {
		Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> processedCount(eventId) > 0);
	}

	public long processedCount(UUID eventId) {
		return jdbc.sql("select count(*) from processed_event where event_id = :id")
			.param("id", eventId)
			.query(Long.class)
			.single();
	}

	@Override
	public void close() {
		writer.close();
	}

}
