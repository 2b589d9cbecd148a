package dev.rapport.devstack.tools;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenApiDocumentsTest {

	@Test
	void namesTheDocumentOfEveryServiceAndOfTheGateway() {
		assertThat(OpenApiDocuments.ALL).containsExactly(
				new OpenApiDocuments.Document("contacts.json", "/v3/api-docs/contacts-service"),
				new OpenApiDocuments.Document("interactions.json", "/v3/api-docs/interactions-service"),
				new OpenApiDocuments.Document("reminders.json", "/v3/api-docs/reminders-service"),
				new OpenApiDocuments.Document("analytics.json", "/v3/api-docs/analytics-service"),
				new OpenApiDocuments.Document("gateway.json", "/v3/api-docs/gateway"));
	}

	@Test
	void sortsKeysKeepsArraysInOrderAndDropsTheServers() {
		String served = """
				{"openapi":"3.1.0","servers":[{"url":"http://127.0.0.1:41234"}],
				 "paths":{"/b":{"get":{"tags":["z","a"]}},"/a":{}},"info":{"version":"v1","title":"T"},"x":[]}""";

		assertThat(OpenApiDocuments.normalize(served)).isEqualTo("""
				{
				  "info": {
				    "title": "T",
				    "version": "v1"
				  },
				  "openapi": "3.1.0",
				  "paths": {
				    "/a": {},
				    "/b": {
				      "get": {
				        "tags": [
				          "z",
				          "a"
				        ]
				      }
				    }
				  },
				  "x": []
				}
				""");
	}

	@Test
	void theSameApiGivesTheSameText() {
		assertThat(OpenApiDocuments.normalize("{\"openapi\":\"3.1.0\",\"paths\":{\"/a\":{},\"/b\":{}}}"))
			.isEqualTo(OpenApiDocuments.normalize("{\"paths\":{\"/b\":{},\"/a\":{}},\"openapi\":\"3.1.0\"}"));
	}

	@Test
	void refusesWhatIsNotAnOpenApiDocument() {
		assertThatThrownBy(() -> OpenApiDocuments.normalize("{\"type\":\"https://rapport.dev/problems/not-found\"}"))
			.hasMessageContaining("not an OpenAPI document");
	}

}
