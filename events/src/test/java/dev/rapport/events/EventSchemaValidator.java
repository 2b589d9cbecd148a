package dev.rapport.events;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

import java.util.List;

/** Validates event JSON against the schemas on the classpath, found by their {@code urn:rapport:event:} ids. */
final class EventSchemaValidator {

	private final SchemaRegistry registry;

	private EventSchemaValidator(String resourceFolder) {
		// Draft 2020-12 treats "format" as an annotation; assert it, or a bad uuid or date would pass.
		SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
		this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
				.schemaRegistryConfig(config)
				.schemaIdResolvers(resolvers -> resolvers.mappings(
						id -> id.startsWith(EventSchemas.ID_PREFIX),
						id -> "classpath:" + resourceFolder + id.substring(EventSchemas.ID_PREFIX.length()) + ".schema.json")));
	}

	/** Against {@code src/main/resources/schemas}, what this build publishes. */
	static EventSchemaValidator current() {
		return new EventSchemaValidator(EventSchemas.RESOURCE_FOLDER);
	}

	/** Against {@code src/test/resources/schema-baseline}, what was released before. */
	static EventSchemaValidator baseline() {
		return new EventSchemaValidator("schema-baseline/");
	}

	List<String> validate(String type, JsonNode document) {
		Schema schema = registry.getSchema(SchemaLocation.of(EventSchemas.schemaId(type)));
		return schema.validate(document).stream().map(Object::toString).toList();
	}
}
