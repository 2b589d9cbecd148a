package dev.rapport.platform.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import dev.rapport.events.EventCodec;
import dev.rapport.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consumer-driven contracts between the services of this repository. Each consumer pins, in the events module, a
 * sample of every event type it handles holding the fields it reads ({@code contracts/<consumer>/<EventType>.json});
 * its own tests feed those samples through its real handlers, and the producer's tests check with
 * {@link #assertHonoured} that the events it really emits carry every pinned field with the same JSON type. So a
 * producer change that takes away what a consumer reads fails in the producer's module, naming consumer and field.
 */
public final class ConsumerContracts {

	/** Where the pinned samples are: the events jar (or its classes folder) on the test classpath. */
	public static final String LOCATION = "classpath*:contracts/*/*.json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final EventCodec CODEC = new EventCodec();

	private static final List<Pin> ALL = load();

	private ConsumerContracts() {
	}

	/** One consumer's sample of one event type. */
	public record Pin(String consumer, String type, JsonNode sample) {

		/** The sample as the consumer receives it: the record value a producer would send. */
		public byte[] value() {
			return sample.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
		}

		/** The record key the producer would give it. */
		public String key() {
			return CODEC.fromJson(type, sample.toString()).key();
		}

		public String topic() {
			return Topics.of(CODEC.fromJson(type, sample.toString()));
		}

	}

	public static List<Pin> all() {
		return ALL;
	}

	/** A consumer's pins, in the order a stream would plausibly deliver them (by occurredAt). */
	public static List<Pin> of(String consumer) {
		List<Pin> pins = ALL.stream()
			.filter(pin -> pin.consumer().equals(consumer))
			.sorted(Comparator.comparing(pin -> pin.sample().path("occurredAt").asString()))
			.toList();
		assertThat(pins).as("pinned samples of %s under %s", consumer, LOCATION).isNotEmpty();
		return pins;
	}

	public static Pin of(String consumer, String type) {
		return of(consumer).stream()
			.filter(pin -> pin.type().equals(type))
			.findFirst()
			.orElseThrow(() -> new AssertionError(consumer + " pins no " + type));
	}

	/** The event types some consumer pins on a topic: what a producer's contract test must emit. */
	public static Set<String> typesPinnedOn(String topic) {
		Set<String> types = new TreeSet<>();
		ALL.stream().filter(pin -> pin.topic().equals(topic)).forEach(pin -> types.add(pin.type()));
		return types;
	}

	/**
	 * Fails, naming each consumer and field, when {@code produced} (an event's JSON as its producer sent it) lacks a
	 * field some consumer's pinned sample of that type carries, or carries it with another JSON type.
	 */
	public static void assertHonoured(String type, String produced) {
		assertThat(violations(type, JSON.readTree(produced)))
			.as("%s as its producer emits it, against what consumers pinned", type)
			.isEmpty();
	}

	/** Checks every produced event against the pins, and that each pinned type of the topic was among them. */
	public static void assertHonoured(String topic, Collection<TopicReader.Message> produced) {
		Set<String> seen = new TreeSet<>();
		List<String> violations = new ArrayList<>();
		for (TopicReader.Message message : produced) {
			seen.add(message.type());
			violations.addAll(violations(message.type(), JSON.readTree(message.value())));
		}
		assertThat(seen).as("the event types consumers pin on %s, each emitted by this test", topic)
			.containsAll(typesPinnedOn(topic));
		assertThat(violations).as("events on %s, against what consumers pinned", topic).isEmpty();
	}

	/** What {@link #assertHonoured} reports; empty when every pin of this type is honoured. */
	public static List<String> violations(String type, JsonNode produced) {
		Map<String, Set<String>> available = shape(produced);
		List<String> violations = new ArrayList<>();
		for (Pin pin : ALL) {
			if (!pin.type().equals(type)) {
				continue;
			}
			shape(pin.sample()).forEach((path, types) -> {
				for (String jsonType : types) {
					Set<String> there = available.get(path);
					if (there == null) {
						violations.add("%s relies on %s (%s) in %s: the producer's event has no such field"
							.formatted(pin.consumer(), path, jsonType, type));
					}
					else if (!there.contains(jsonType)) {
						violations.add("%s relies on %s (%s) in %s: the producer's event has it as %s"
							.formatted(pin.consumer(), path, jsonType, type, String.join("/", there)));
					}
				}
			});
		}
		return violations;
	}

	/**
	 * Every path in a document with the JSON types found there; array elements share one path ({@code a[].b}), so a
	 * pinned element field is honoured when some produced element has it.
	 */
	static Map<String, Set<String>> shape(JsonNode document) {
		Map<String, Set<String>> shape = new LinkedHashMap<>();
		collect("", document, shape);
		return shape;
	}

	private static void collect(String path, JsonNode node, Map<String, Set<String>> shape) {
		if (!path.isEmpty()) {
			shape.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(jsonType(node));
		}
		if (node.isObject()) {
			node.properties().forEach(field -> collect(path.isEmpty() ? field.getKey() : path + "." + field.getKey(),
					field.getValue(), shape));
		}
		else if (node.isArray()) {
			node.values().forEach(element -> collect(path + "[]", element, shape));
		}
	}

	private static String jsonType(JsonNode node) {
		if (node.isIntegralNumber()) {
			return "integer";
		}
		if (node.isNumber()) {
			return "number";
		}
		return switch (node.getNodeType()) {
			case STRING -> "string";
			case BOOLEAN -> "boolean";
			case OBJECT -> "object";
			case ARRAY -> "array";
			case NULL -> "null";
			default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
		};
	}

	private static List<Pin> load() {
		try {
			List<Pin> pins = new ArrayList<>();
			for (Resource resource : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
				String url = resource.getURL().toString();
				String[] parts = url.split("/");
				String consumer = parts[parts.length - 2];
				String file = parts[parts.length - 1];
				try (InputStream in = resource.getInputStream()) {
					pins.add(new Pin(consumer, file.substring(0, file.length() - ".json".length()), JSON.readTree(in)));
				}
			}
			return List.copyOf(pins);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
