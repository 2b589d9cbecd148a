package dev.rapport.devstack.tools;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import dev.rapport.devstack.stack.Ports;
import dev.rapport.events.CloudEventHeaders;
import dev.rapport.devstack.stack.UsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterReplayTest {

	@Test
	void aReplayKeepsKeyValueAndEventHeadersButNotTheError() {
		// The CloudEvents headers too: a replayed record is the same CloudEvent, deduplicated by its ce_id.
		RecordHeaders headers = new RecordHeaders();
		for (String name : CloudEventHeaders.ALL) {
			headers.add(name, bytes("value of " + name));
		}
		headers.add("rapport-event-type", bytes("ContactCreated"));
		headers.add("traceparent", bytes("00-abc-def-01"));
		headers.add("kafka_dlt-exception-message", bytes("Unreadable ContactCreated"));
		headers.add("kafka_dlt-original-topic", bytes("rapport.contacts.v1"));
		ConsumerRecord<String, String> dead = new ConsumerRecord<>("rapport.contacts.v1.dlt", 1, 3, 0L,
				TimestampType.CREATE_TIME, -1, -1, "contact-1", "{\"eventId\":\"e\"}", headers, Optional.empty());

		ProducerRecord<String, String> replay = DeadLetterReplay.replayOf(dead, "rapport.contacts.v1");

		assertThat(replay.topic()).isEqualTo("rapport.contacts.v1");
		assertThat(replay.partition()).as("the key picks the partition, as it did the first time").isNull();
		assertThat(replay.key()).isEqualTo("contact-1");
		assertThat(replay.value()).isEqualTo("{\"eventId\":\"e\"}");
		List<String> eventHeaders = new ArrayList<>(CloudEventHeaders.ALL);
		eventHeaders.addAll(List.of("rapport-event-type", "traceparent"));
		assertThat(replay.headers()).extracting(Header::key).containsExactlyElementsOf(eventHeaders);
		assertThat(replay.headers().lastHeader(CloudEventHeaders.ID).value()).isEqualTo(bytes("value of ce_id"));
	}

	@Test
	void onlyDeadLetterTopicsAreReplayed() {
		assertThatThrownBy(() -> new DeadLetterReplay(Ports.DEFAULT.kafkaBootstrap(), System.out).run("rapport.contacts.v1"))
			.isInstanceOf(UsageException.class)
			.hasMessageContaining(".dlt");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
