package dev.rapport.gateway.docs;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.rapport.gateway.GatewayIntegrationTest;
import dev.rapport.gateway.Upstream;

import static org.assertj.core.api.Assertions.assertThat;

/** /docs: one Swagger UI over the gateway's own OpenAPI and every service's, fetched through the gateway. */
@GatewayIntegrationTest
class ApiDocsTest {

	@Autowired
	WebTestClient http;

	@Autowired
	Upstream upstream;

	@Test
	void docsListEveryServiceAndTheGatewaysOwnApiWithoutSigningIn() {
		http.get().uri("/docs").exchange().expectStatus().is3xxRedirection();
		http.get()
			.uri("/v3/api-docs/swagger-config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.urls[*].url")
			.value(urls -> assertThat(urls.toString()).contains("/v3/api-docs/contacts-service",
					"/v3/api-docs/interactions-service", "/v3/api-docs/reminders-service", "/v3/api-docs/gateway"));
		http.get()
			.uri("/v3/api-docs/gateway")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/api/me/tokens']")
			.exists()
			.jsonPath("$.paths['/api/team/members']")
			.exists();
	}

	@Test
	void aServicesOpenApiComesThroughTheGateway() {
		http.get().uri("/v3/api-docs/reminders-service").exchange().expectStatus().isOk();

		assertThat(upstream.last("/v3/api-docs").method()).isEqualTo("GET");
	}

}
