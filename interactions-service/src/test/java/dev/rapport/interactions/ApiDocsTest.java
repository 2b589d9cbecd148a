package dev.rapport.interactions;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The API documents itself without a token, and the service reports health and metrics. */
@ServiceIntegrationTest
class ApiDocsTest {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void publishesOpenApiForEveryEndpoint() {
		ApiClient api = new ApiClient(port);

		JsonNode docs = api.get("/v3/api-docs", null).json();

		assertThat(docs.at("/info/title").asString()).isEqualTo("Rapport interactions-service");
		assertThat(docs.get("paths").propertyNames()).contains("/api/interactions", "/api/interactions/{id}",
				"/api/interactions/{id}/follow-ups/{followUpId}/complete",
				"/api/interactions/{id}/follow-ups/{followUpId}/reopen", "/api/contacts/{contactId}/interactions",
				"/api/follow-ups");
		assertThat(docs.at("/paths/~1api~1interactions~1{id}/patch").isMissingNode()).isFalse();
		assertThat(docs.at("/components/schemas/InteractionDraft").isMissingNode()).isFalse();
		assertThat(docs.at("/paths/~1api~1follow-ups/get/tags/0").asString()).isEqualTo("Follow-ups");
		assertThat(docs.at("/components/schemas/LedgerEntry/properties/overdue").isMissingNode()).isFalse();
		assertThat(api.get("/actuator/prometheus", null).status()).as("Actuator is not on the API's port").isEqualTo(404);
		ApiClient management = new ApiClient(managementPort);
		assertThat(management.get("/actuator/health/readiness", null).status()).isEqualTo(200);
		assertThat(management.get("/actuator/prometheus", null).body()).contains("application=\"interactions-service\"");
	}

}
