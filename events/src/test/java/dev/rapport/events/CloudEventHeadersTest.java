package dev.rapport.events;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The envelope's values name what consumers look up: ce_dataschema is the published schema's $id, ce_type the type. */
class CloudEventHeadersTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static Iterable<String> types() {
		return EventTypes.names();
	}

	@ParameterizedTest
	@MethodSource("types")
	void theDataSchemaIsTheIdOfTheTypesSchemaFile(String type) throws IOException {
		try (InputStream schema = getClass().getClassLoader().getResourceAsStream(EventSchemas.schemaResource(type))) {
			assertThat(schema).as(EventSchemas.schemaResource(type)).isNotNull();
			assertThat(JSON.readTree(schema).get("$id").asString()).isEqualTo(CloudEventHeaders.dataSchema(type));
		}
	}

	@ParameterizedTest
	@MethodSource("types")
	void theTypeIsReadBackFromItsCeType(String type) {
		assertThat(CloudEventHeaders.type(type)).isEqualTo("dev.rapport." + type);
		assertThat(CloudEventHeaders.eventType(CloudEventHeaders.type(type))).contains(type);
	}

	@Test
	void aCeTypeNotOfRapportNamesNoEventType() {
		assertThat(CloudEventHeaders.eventType("ContactCreated")).isEmpty();
		assertThat(CloudEventHeaders.eventType("com.example.ContactCreated")).isEmpty();
		assertThat(CloudEventHeaders.eventType("dev.rapport.")).isEmpty();
		assertThat(CloudEventHeaders.eventType(null)).isEmpty();
	}

	@Test
	void theSourceNamesTheService() {
		assertThat(CloudEventHeaders.source("contacts-service")).isEqualTo("/rapport/contacts-service");
	}

}
