package dev.rapport.gateway.docs;

import java.net.URI;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.rapport.events.EventSchemas;
import dev.rapport.events.EventTypes;
import dev.rapport.gateway.GatewayIntegrationTest;
import dev.rapport.gateway.UpstreamStub;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /docs: one Swagger UI over the gateway's own OpenAPI and every service's, fetched through the gateway; beside it the
 * AsyncAPI document of the event stream and the schemas it refers to.
 */
@GatewayIntegrationTest
class ApiDocsTest {

	@Autowired
	WebTestClient http;

	@Autowired
	UpstreamStub upstream;

	@Test
	void docsListEveryServiceAndTheGatewaysOwnApiWithoutSigningIn() {
		String ui = http.get().uri("/docs").exchange().expectStatus().is3xxRedirection().returnResult(String.class)
			.getResponseHeaders().getLocation().toString();
		assertThat(ui).contains("/swagger-ui/");
		String initializer = http.get().uri("/swagger-ui/swagger-initializer.js").exchange().expectStatus().isOk()
			.returnResult(String.class).getResponseBody().collectList().block().stream().reduce("", String::concat);
		java.util.regex.Matcher configUrl = java.util.regex.Pattern.compile("\"configUrl\"\\s*:\\s*\"([^\"]+)\"")
			.matcher(initializer);
		assertThat(configUrl.find()).as("the Swagger UI's config URL in %s", initializer).isTrue();
		http.get()
			.uri(configUrl.group(1))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.urls[*].url")
			.value(urls -> assertThat(((java.util.List<?>) urls).stream().map(Object::toString)).contains("/v3/api-docs/contacts-service",
					"/v3/api-docs/interactions-service", "/v3/api-docs/reminders-service", "/v3/api-docs/analytics-service",
					"/v3/api-docs/gateway"));
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
		String gatewayDocs = http.get().uri("/v3/api-docs/gateway").exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(gatewayDocs).as("responses say what they are (rapport-defaults.yml), for the typed web client")
			.contains("\"application/json\"")
			.doesNotContain("\"*/*\"");
	}

	@Test
	void aServicesOpenApiComesThroughTheGateway() {
		http.get().uri("/v3/api-docs/reminders-service").exchange().expectStatus().isOk();

		assertThat(upstream.last("/v3/api-docs").method()).isEqualTo("GET");
	}

	@Test
	void theEventStreamsAsyncApiDocumentAndEverySchemaItRefersToArePublic() {
		String document = http.get().uri("/docs/asyncapi.yaml").exchange().expectStatus().isOk()
			.expectHeader().contentType("application/yaml")
			.expectHeader().cacheControl(org.springframework.http.CacheControl.noCache())
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(document).startsWith("#").contains("asyncapi: 3.0.0");

		// A reader follows each file $ref from the served document, relative to where it was served.
		Matcher fileRef = Pattern.compile("\\$ref: '([^'#][^']*)'").matcher(document);
		Set<String> served = new TreeSet<>();
		while (fileRef.find()) {
			String path = URI.create("/docs/asyncapi.yaml").resolve(fileRef.group(1)).getPath();
			String schema = http.get().uri(path).exchange().expectStatus().isOk()
				.expectHeader().contentType("application/schema+json")
				.expectBody(String.class).returnResult().getResponseBody();
			String type = path.substring(path.lastIndexOf('/') + 1, path.length() - ".schema.json".length());
			assertThat(schema).as(path).contains("\"$id\": \"" + EventSchemas.schemaId(type) + "\"");
			served.add(type);
		}
		assertThat(served).as("a schema for every event type").containsExactlyInAnyOrderElementsOf(EventTypes.names());

		http.get().uri("/docs/schemas/NoSuchEvent.schema.json").exchange().expectStatus().isNotFound();
		http.get().uri("/docs/application.yml").exchange().expectStatus().isNotFound();
	}

}
