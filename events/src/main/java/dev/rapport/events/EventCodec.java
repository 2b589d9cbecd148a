package dev.rapport.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one place events become JSON and back, so every producer and consumer agrees on the wire format.
 * Thread-safe. Malformed payloads throw {@link tools.jackson.core.JacksonException} (unchecked).
 */
public final class EventCodec {

	private final JsonMapper mapper = JsonMapper.builder()
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
			.changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
			// Readers tolerate what newer writers may add: optional fields and enum values.
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
			.enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
			.build();

	/** UTF-8 JSON for the Kafka record value. */
	public byte[] serialize(RapportEvent event) {
		return mapper.writeValueAsBytes(event);
	}

	public String toJson(RapportEvent event) {
		return mapper.writeValueAsString(event);
	}

	/**
	 * Reads a record value whose type came from the {@link Topics#EVENT_TYPE_HEADER} header.
	 *
	 * @throws IllegalArgumentException for a type this version does not know; check {@link #classOf} first to
	 *                                  skip types added after this reader was built
	 */
	public RapportEvent deserialize(String type, byte[] json) {
		return mapper.readValue(json, requireClass(type));
	}

	public RapportEvent fromJson(String type, String json) {
		return deserialize(type, json.getBytes(StandardCharsets.UTF_8));
	}

	/** For consumers that handle a single type and would otherwise cast. */
	public <E extends RapportEvent> E deserialize(byte[] json, Class<E> eventClass) {
		return mapper.readValue(json, eventClass);
	}

	public Optional<Class<? extends RapportEvent>> classOf(String type) {
		return EventTypes.classOf(type);
	}

	private Class<? extends RapportEvent> requireClass(String type) {
		return classOf(type).orElseThrow(() -> new IllegalArgumentException("Unknown event type: " + type));
	}
}
