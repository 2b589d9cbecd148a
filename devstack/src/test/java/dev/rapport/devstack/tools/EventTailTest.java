package dev.rapport.devstack.tools;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import dev.rapport.events.CloudEventHeaders;
import dev.rapport.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;

class EventTailTest {

	@Test
	void printsWhereWhenKeyTypeAndIndentedJson() {
		RecordHeaders headers = new RecordHeaders();
		headers.add("rapport-event-type", "ContactCreated".getBytes(StandardCharsets.UTF_8));

		String block = EventTail.format(record("{\"contactId\":\"c-1\",\"displayName\":\"Ada\"}", headers));

		assertThat(block).contains("rapport.contacts.v1  partition 2  offset 41  2026-11-25T10:00:00Z")
			.contains("key:  c-1")
			.contains("type: ContactCreated")
			.contains("\"displayName\" : \"Ada\"");
	}

	@Test
	void aCloudEventIsTypedByItsCeTypeAndShowsItsIdSourceAndTime() {
		RecordHeaders headers = new RecordHeaders();
		headers.add(CloudEventHeaders.ID, "e-1".getBytes(StandardCharsets.UTF_8));
		headers.add(CloudEventHeaders.TYPE, "dev.rapport.ContactUpdated".getBytes(StandardCharsets.UTF_8));
		headers.add(CloudEventHeaders.SOURCE, "/rapport/contacts-service".getBytes(StandardCharsets.UTF_8));
		headers.add(CloudEventHeaders.TIME, "2026-11-25T09:59:59.5Z".getBytes(StandardCharsets.UTF_8));
		headers.add(Topics.EVENT_TYPE_HEADER, "ContactCreated".getBytes(StandardCharsets.UTF_8));

		String block = EventTail.format(record("{}", headers));

		assertThat(block).contains("type: ContactUpdated")
			.contains("ce:   id e-1  source /rapport/contacts-service  time 2026-11-25T09:59:59.5Z");
		assertThat(EventTail.format(record("{}", new RecordHeaders()))).doesNotContain("ce: ");
	}

	@Test
	void printsAnythingElseAsItIs() {
		assertThat(EventTail.format(record("not json", new RecordHeaders()))).contains("   not json")
			.contains("(no ce_type or rapport-event-type header)");
		assertThat(EventTail.format(record(null, new RecordHeaders()))).contains("tombstone");
	}

	@Test
	void aDeadLetterSaysWhyItFailedAndWhereItCameFrom() {
		RecordHeaders headers = new RecordHeaders();
		headers.add("rapport-event-type", "ContactCreated".getBytes(StandardCharsets.UTF_8));
		headers.add("kafka_dlt-exception-message",
				"Unreadable ContactCreated: unexpected token\n at line 1".getBytes(StandardCharsets.UTF_8));
		headers.add("kafka_dlt-original-topic", "rapport.contacts.v1".getBytes(StandardCharsets.UTF_8));
		headers.add("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(1).array());
		headers.add("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(17).array());

		String block = EventTail.format(record("{\"eventId\": not json", headers));

		assertThat(block).contains("error: Unreadable ContactCreated: unexpected token")
			.doesNotContain("at line 1")
			.contains("from:  rapport.contacts.v1 partition 1 offset 17");
		assertThat(EventTail.format(record("{}", new RecordHeaders()))).doesNotContain("error:");
	}

	private static ConsumerRecord<String, String> record(String value, RecordHeaders headers) {
		return new ConsumerRecord<>("rapport.contacts.v1", 2, 41, 1_795_600_800_000L, TimestampType.CREATE_TIME, -1, -1,
				"c-1", value, headers, Optional.empty());
	}

}
