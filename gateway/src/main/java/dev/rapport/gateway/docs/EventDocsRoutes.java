package dev.rapport.gateway.docs;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.rapport.events.EventSchemas;
import dev.rapport.events.EventTypes;

/**
 * The event stream's documentation beside the OpenAPI docs, public like them: the AsyncAPI document at
 * {@value #DOCUMENT} and each event type's JSON Schema where the document's relative {@code $ref}s lead
 * ({@code /docs/schemas/<EventType>.schema.json}), both straight from the events module. Only those paths: anything
 * else under /docs stays springdoc's, or the gateway's 404.
 */
@Configuration(proxyBeanMethods = false)
class EventDocsRoutes {

	static final String DOCUMENT = "/docs/" + EventSchemas.ASYNCAPI_DOCUMENT;

	/** RFC 9512's media type for YAML. */
	static final MediaType YAML = new MediaType("application", "yaml");

	static final MediaType JSON_SCHEMA = new MediaType("application", "schema+json");

	@Bean
	RouterFunction<ServerResponse> eventDocs() {
		RouterFunctions.Builder routes = RouterFunctions.route()
			.GET(DOCUMENT, file(EventSchemas.ASYNCAPI_DOCUMENT, YAML));
		for (String type : EventTypes.names()) {
			// The document sits beside the schemas folder on the classpath, as it does here under /docs.
			routes.GET("/docs/" + EventSchemas.schemaResource(type), file(EventSchemas.schemaResource(type), JSON_SCHEMA));
		}
		return routes.build();
	}

	private static HandlerFunction<ServerResponse> file(String resource, MediaType type) {
		ClassPathResource file = new ClassPathResource(resource);
		if (!file.exists()) {
			throw new IllegalStateException("The events module on the classpath has no " + resource);
		}
		// Changes with a deployment, at the same address: revalidated on every use.
		return request -> ServerResponse.ok().contentType(type).cacheControl(CacheControl.noCache()).bodyValue(file);
	}

}
