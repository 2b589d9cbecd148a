package dev.rapport.analytics.fact;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.databind.json.JsonMapper;

import dev.rapport.events.ConversationFact;
import dev.rapport.events.EventCodec;
import dev.rapport.events.RelationshipTransition;

/**
 * The serdes of the topology: the analytics tier's facts through the published {@link EventCodec}, this service's
 * own rows and aggregates (stores, changelogs, repartition and output topics) as plain JSON. Null stays null both
 * ways, so tombstones pass through.
 */
public final class JsonSerdes {

	private static final EventCodec CODEC = new EventCodec();

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private JsonSerdes() {
	}

	public static Serde<ConversationFact> conversationFacts() {
		return serde(value -> CODEC.serialize(value), bytes -> CODEC.deserialize(bytes, ConversationFact.class));
	}

	public static Serde<RelationshipTransition> relationshipTransitions() {
		return serde(value -> CODEC.serialize(value), bytes -> CODEC.deserialize(bytes, RelationshipTransition.class));
	}

	/** This service's own records, as JSON. */
	public static <T> Serde<T> json(Class<T> type) {
		return serde(MAPPER::writeValueAsBytes, bytes -> MAPPER.readValue(bytes, type));
	}

	private static <T> Serde<T> serde(java.util.function.Function<T, byte[]> write,
			java.util.function.Function<byte[], T> read) {
		Serializer<T> serializer = (topic, value) -> value == null ? null : write.apply(value);
		Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : read.apply(bytes);
		return Serdes.serdeFrom(serializer, deserializer);
	}

}
