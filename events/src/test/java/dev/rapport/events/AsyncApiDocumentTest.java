package dev.rapport.events;

import com.asyncapi.v3._0_0.model.AsyncAPI;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document ({@code asyncapi.yaml}, served by the gateway at /docs/asyncapi.yaml) says what the code
 * does: every registered event type has a message on the topic {@link Topics#of} puts it on, every topic has a
 * channel, and every reference resolves, to a part of the document or to a schema file beside it.
 */
class AsyncApiDocumentTest {

	/** Keywords whose meaning is the same in JSON Schema draft-07 and 2020-12, the claim the document's schemaFormat makes. */
	private static final Set<String> PORTABLE_KEYWORDS = Set.of("$schema", "$id", "$ref", "$defs", "title",
			"description", "type", "properties", "required", "items", "enum", "const", "format", "minimum", "maximum",
			"minLength", "maxLength", "minItems", "maxItems", "pattern", "additionalProperties", "default", "examples");

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	static final JsonNode DOCUMENT = read(EventSchemas.ASYNCAPI_DOCUMENT);

	@Test
	void parsesAsAnAsyncApi3Document() throws IOException {
		assertThat(DOCUMENT.path("asyncapi").asString()).isEqualTo("3.0.0");
		// AsyncAPI's own Java model of 3.0.0 (asyncapi-core) reads it: the parts it types have the specification's shapes.
		// It tolerates unknown fields, so the tests below check the names that matter (address, action, channel...).
		AsyncAPI model = new ObjectMapper().readValue(DOCUMENT.toString(), AsyncAPI.class);

		assertThat(model.getInfo().getTitle()).isNotBlank();
		assertThat(model.getInfo().getVersion()).isNotBlank();
		assertThat(model.getInfo().getDescription()).contains("At-least-once", "Ordered per key", "eventId",
				"consumer group", "earliest", ".dlt");
		assertThat(model.getServers()).containsKey("kafka");
		assertThat(model.getChannels()).isNotEmpty();
		assertThat(model.getOperations()).isNotEmpty();
		assertThat(model.getComponents().getMessages()).isNotEmpty();
	}

	@Test
	void everyReferenceResolves() {
		assertThat(unresolved(DOCUMENT)).as("$refs that point nowhere").isEmpty();
	}

	@Test
	void everyEventTypeHasAMessageWithItsSchemaAndHeaders() {
		JsonNode messages = DOCUMENT.path("components").path("messages");
		for (String type : EventTypes.names()) {
			JsonNode message = messages.path(type);
			assertThat(message.isObject()).as("components/messages/%s", type).isTrue();
			assertThat(message.at("/payload/schema/$ref").asString()).as(type + " payload")
				.as("relative to the document, which sits beside the schemas folder")
				.isEqualTo(EventSchemas.schemaResource(type));
			assertThat(message.at("/payload/schemaFormat").asString()).isEqualTo("application/schema+json;version=draft-07");
			assertThat(message.at("/bindings/kafka/key/type").asString()).as(type + " key").isEqualTo("string");
			JsonNode headers = message.at("/headers/allOf/1/properties");
			assertThat(message.at("/headers/allOf/0/$ref").asString()).isEqualTo("#/components/schemas/EventHeaders");
			assertThat(headers.at("/ce_type/const").asString()).isEqualTo("dev.rapport." + type);
			assertThat(headers.at("/ce_dataschema/const").asString()).isEqualTo(EventSchemas.schemaId(type));
			assertThat(headers.at("/rapport-event-type/const").asString()).isEqualTo(type);
			// A service, or the gateway for the members it owns.
			assertThat(headers.at("/ce_source/const").asString()).matches("/rapport/([a-z]+-service|gateway)");
		}
		assertThat(DOCUMENT.at("/components/schemas/EventHeaders/required")).extracting(JsonNode::asString)
			.contains("ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time", "ce_subject", "ce_dataschema",
					"content-type", Topics.EVENT_TYPE_HEADER);
		assertThat(DOCUMENT.at("/components/schemas/EventHeaders/properties").has("traceparent")).isTrue();
	}

	@Test
	void everyTopicHasAChannelAndEveryEventIsOnItsTopic() {
		Map<String, String> channelByAddress = new LinkedHashMap<>();
		DOCUMENT.path("channels").properties().forEach(channel -> channelByAddress
			.put(channel.getValue().path("address").asString(), channel.getKey()));
		assertThat(channelByAddress.keySet()).containsExactlyInAnyOrderElementsOf(Topics.EVERY_TOPIC);

		for (Named<RapportEvent> sample : SampleEvents.all()) {
			RapportEvent event = sample.getPayload();
			assertThat(topicsListing(event.type())).as("the channels listing %s", event.type())
				.containsExactly(Topics.of(event));
		}
		for (String topic : Topics.ALL) {
			JsonNode deadLetters = DOCUMENT.path("channels").path(channelByAddress.get(Topics.deadLetter(topic)));
			assertThat(deadLetters.path("messages").properties()).as(topic + " dead letters").isNotEmpty();
		}
	}

	@Test
	void everyCompactedTopicIsDocumentedCompactedWithItsTombstone() {
		assertThat(Topics.COMPACTED).containsAll(Topics.STATE).contains(Topics.ANALYTICS_CONVERSATIONS);
		for (String topic : Topics.COMPACTED) {
			JsonNode channel = channel(topic);
			JsonNode config = channel.at("/bindings/kafka/topicConfiguration");
			assertThat(config.path("cleanup.policy").valueStream().map(JsonNode::asString)).as(topic)
				.containsExactly(Topics.config(topic).get("cleanup.policy"));
			assertThat(config.path("delete.retention.ms").asString())
				.isEqualTo(Topics.config(topic).get("delete.retention.ms"));
			List<String> messages = channel.path("messages").valueStream()
				.map(message -> message.path("$ref").asString())
				.toList();
			assertThat(messages).as(topic + " documents its tombstone").anySatisfy(ref -> {
				JsonNode tombstone = DOCUMENT.at(ref.substring(1));
				assertThat(tombstone.at("/payload/schema/type").asString()).isEqualTo("null");
				assertThat(tombstone.at("/headers/$ref").asString()).isEqualTo("#/components/schemas/TombstoneHeaders");
			});
		}
	}

	@Test
	void everyChannelDocumentsTheRetentionItsTopicIsCreatedWith() {
		for (String topic : Topics.EVERY_TOPIC) {
			JsonNode config = channel(topic).at("/bindings/kafka/topicConfiguration");
			Map<String, String> created = Topics.config(topic);
			assertThat(config.path("cleanup.policy").valueStream().map(JsonNode::asString)).as(topic)
				.containsExactly(created.getOrDefault("cleanup.policy", "delete"));
			if (!created.containsKey("cleanup.policy")) {
				assertThat(config.path("retention.ms").asString()).as(topic + " retention")
					.isEqualTo(created.getOrDefault("retention.ms", Long.toString(Duration.ofDays(7).toMillis())));
			}
		}
		assertThat(channel(Topics.ANALYTICS_RELATIONSHIPS).at("/bindings/kafka/topicConfiguration/retention.ms")
			.asLong()).isEqualTo(Topics.ANALYTICS_RETENTION.toMillis());
	}

	@Test
	void theAnalyticsTierIsDescribedAsFreeOfPersonalData() {
		assertThat(DOCUMENT.at("/info/description").asString()).contains("## Analytics tier", "no personal data",
				"no free text", Topics.ANALYTICS_CONVERSATIONS, Topics.ANALYTICS_RELATIONSHIPS);
		for (String type : List.of("ConversationFact", "RelationshipTransition")) {
			assertThat(DOCUMENT.at("/components/messages/" + type + "/tags").valueStream()
				.map(tag -> tag.path("name").asString())).as(type).doesNotContain("personal-data");
		}
	}

	@Test
	void everyOperationSendsMessagesOfItsOwnChannel() {
		DOCUMENT.path("operations").properties().forEach(operation -> {
			JsonNode body = operation.getValue();
			assertThat(body.path("action").asString()).isIn("send", "receive");
			String channel = body.at("/channel/$ref").asString();
			assertThat(body.path("messages").valueStream().map(m -> m.path("$ref").asString()))
				.as(operation.getKey())
				.isNotEmpty()
				.allSatisfy(ref -> assertThat(ref).startsWith(channel + "/messages/"));
		});
		Set<String> published = new TreeSet<>();
		DOCUMENT.path("operations").valueStream()
			.filter(operation -> operation.path("action").asString().equals("send"))
			.flatMap(operation -> operation.path("messages").valueStream())
			.map(ref -> ref.path("$ref").asString())
			.forEach(ref -> published.add(ref.substring(ref.lastIndexOf('/') + 1)));
		assertThat(published).as("every event type is sent by an operation").containsAll(EventTypes.names());
	}

	@Test
	void payloadSchemasUseOnlyKeywordsDraft07ReadsTheSameWay() {
		for (String type : EventTypes.names()) {
			Set<String> unportable = new TreeSet<>();
			collectKeywords(read(EventSchemas.schemaResource(type)), unportable);
			unportable.removeAll(PORTABLE_KEYWORDS);
			assertThat(unportable).as(type + ": keywords outside the draft-07 / 2020-12 common ground").isEmpty();
		}
	}

	private static JsonNode channel(String topic) {
		return DOCUMENT.path("channels").valueStream()
			.filter(candidate -> candidate.path("address").asString().equals(topic))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no channel for " + topic));
	}

	/** Names of the topics whose channel lists a message of this type. */
	private static List<String> topicsListing(String type) {
		List<String> topics = new ArrayList<>();
		DOCUMENT.path("channels").values().forEach(channel -> channel.path("messages").values().forEach(message -> {
			if (message.path("$ref").asString().equals("#/components/messages/" + type)) {
				topics.add(channel.path("address").asString());
			}
		}));
		return topics;
	}

	/** Every $ref in the document that names no part of it, or a file (and part of it) that does not exist. */
	static List<String> unresolved(JsonNode document) {
		Set<String> refs = new LinkedHashSet<>();
		collectRefs(document, refs);
		assertThat(refs).as("the document refers to things").isNotEmpty();
		List<String> unresolved = new ArrayList<>();
		for (String ref : refs) {
			int hash = ref.indexOf('#');
			String file = hash < 0 ? ref : ref.substring(0, hash);
			String pointer = hash < 0 ? "" : ref.substring(hash + 1);
			JsonNode target = document;
			if (!file.isEmpty()) {
				// Relative to the document, as a reader of the served copy resolves it against /docs/asyncapi.yaml.
				String resource = URI.create(EventSchemas.ASYNCAPI_DOCUMENT).resolve(file).toString();
				try (InputStream in = AsyncApiDocumentTest.class.getClassLoader().getResourceAsStream(resource)) {
					if (in == null) {
						unresolved.add(ref + " (no file " + resource + ")");
						continue;
					}
					target = YAML.readTree(in);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
			if (target.at(pointer).isMissingNode()) {
				unresolved.add(ref + " (nothing at " + pointer + ")");
			}
		}
		return unresolved;
	}

	private static void collectRefs(JsonNode node, Set<String> refs) {
		if (node.isObject()) {
			node.properties().forEach(field -> {
				if (field.getKey().equals("$ref")) {
					refs.add(field.getValue().asString());
				}
				collectRefs(field.getValue(), refs);
			});
		}
		else if (node.isArray()) {
			node.values().forEach(item -> collectRefs(item, refs));
		}
	}

	/** Keywords of a schema: the keys of every schema object, not the names under properties or $defs. */
	private static void collectKeywords(JsonNode schema, Set<String> keywords) {
		if (!schema.isObject()) {
			return;
		}
		schema.properties().forEach(field -> {
			keywords.add(field.getKey());
			switch (field.getKey()) {
				case "properties", "$defs" -> field.getValue().values().forEach(sub -> collectKeywords(sub, keywords));
				case "items", "additionalProperties" -> collectKeywords(field.getValue(), keywords);
				default -> {
				}
			}
		});
	}

	static JsonNode read(String resource) {
		try (InputStream in = AsyncApiDocumentTest.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			return YAML.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
