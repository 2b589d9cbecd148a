package dev.rapport.reminders.member;

import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.rapport.events.EventCodec;
import dev.rapport.events.MemberState;
import dev.rapport.events.Topics;

/**
 * Keeps the {@link MemberDirectory} a copy of the gateway's members: every record of {@link Topics#MEMBERS_STATE} is
 * a member as they are now (upserted), and a tombstone (null value) is a member who left (removed, with their digest
 * settings and unsent mail). A new consumer group reads the compacted topic from offset zero, so a fresh database
 * gets every member the gateway has ever published; replaying a record writes the same row again.
 * <p>
 * A plain listener rather than a stream binding like the service's event consumers: a state topic needs neither the
 * dispatcher's once-only bookkeeping (the upsert is idempotent by member id) nor its dead-letter topic, and the
 * binder's function adapter does not hand tombstones over reliably. A record it cannot read is counted and skipped:
 * the member's next change (or the gateway's backfill) publishes their state again.
 */
@Component
class MemberStateListener {

	private static final Logger log = LoggerFactory.getLogger(MemberStateListener.class);

	static final String CONSUMER = "member-states";

	private final MemberDirectory directory;

	private final EventCodec codec;

	private final MeterRegistry meters;

	MemberStateListener(MemberDirectory directory, EventCodec codec, MeterRegistry meters) {
		this.directory = directory;
		this.codec = codec;
		this.meters = meters;
	}

	@KafkaListener(topics = Topics.MEMBERS_STATE, groupId = "${rapport.members.consumer-group:reminders-service-members}",
			properties = { "auto.offset.reset=earliest",
					"key.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
					"value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer" })
	void onRecord(ConsumerRecord<String, byte[]> record) {
		UUID memberId;
		MemberState state = null;
		try {
			memberId = UUID.fromString(record.key());
			if (record.value() != null) {
				state = codec.deserialize(record.value(), MemberState.class);
				if (!state.memberId().equals(memberId)) {
					throw new IllegalArgumentException("keyed " + memberId + " but of member " + state.memberId());
				}
			}
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			count("poison");
			log.warn("Skipping an unreadable member state at {}-{}@{}: {}", record.topic(), record.partition(),
					record.offset(), ex.getMessage());
			return;
		}
		if (state == null) {
			directory.remove(memberId);
			count("removed");
			log.info("Member {} left: removed from the member directory", memberId);
		}
		else {
			directory.upsert(state.teamId(), memberId, state.email(), state.displayName());
			count("applied");
		}
	}

	private void count(String outcome) {
		meters.counter("rapport.events.consumed", "consumer", CONSUMER, "type", "MemberState", "outcome", outcome)
			.increment();
	}

}
