package dev.rapport.contacts;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The API documents itself without a token, and the docs list every contacts endpoint and what it answers. */
@ServiceIntegrationTest
class ApiDocsTest {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void publishesOpenApiForEveryEndpoint() {
		ApiClient api = new ApiClient(port);

		ApiClient.Response response = api.get("/v3/api-docs", null);
		JsonNode docs = response.json();

		assertThat(docs.at("/info/title").asString()).isEqualTo("Rapport contacts-service");
		assertThat(docs.at("/info/description").asString()).as("/docs links to the event stream's AsyncAPI document")
			.contains("[/docs/asyncapi.yaml](/docs/asyncapi.yaml)");
		assertThat(docs.get("paths").propertyNames()).contains("/api/contacts", "/api/contacts/{id}",
				"/api/contacts/{id}/archive", "/api/contacts/{id}/unarchive", "/api/imports", "/api/imports/{id}",
				"/api/imports/{id}/rows", "/api/imports/{id}/confirm", "/api/imports/{id}/undo");
		assertThat(docs.at("/paths/~1api~1imports/post/requestBody/content").propertyNames())
			.as("an upload is the file itself")
			.contains("text/csv", "text/vcard", "application/octet-stream");
		assertThat(docs.at("/paths/~1api~1contacts~1{id}/patch").isMissingNode()).isFalse();
		assertThat(docs.at("/components/securitySchemes/platformToken/scheme").asString()).isEqualTo("bearer");
		assertThat(response.body()).as("responses say what they are (rapport-defaults.yml), for the typed web client")
			.contains("\"application/json\"")
			.doesNotContain("\"*/*\"");
		assertThat(api.get("/actuator/prometheus", null).status()).as("Actuator is not on the API's port").isEqualTo(404);
		ApiClient management = new ApiClient(managementPort);
		assertThat(management.get("/actuator/health/readiness", null).status()).isEqualTo(200);
		assertThat(management.get("/actuator/prometheus", null).body()).contains("application=\"contacts-service\"");
	}

}
