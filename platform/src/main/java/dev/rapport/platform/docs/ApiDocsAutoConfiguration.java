package dev.rapport.platform.docs;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** OpenAPI docs (at /v3/api-docs and /swagger-ui.html) that say how to authenticate: a platform bearer token. */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class ApiDocsAutoConfiguration {

	static final String BEARER = "platformToken";

	@Bean
	@ConditionalOnMissingBean
	OpenAPI rapportOpenApi(@Value("${spring.application.name}") String service) {
		return new OpenAPI()
			.info(new Info().title("Rapport " + service)
				.version("v1")
				.description("Errors are application/problem+json (RFC 9457). Through the gateway (the one front door, "
						+ "which serves these docs at /docs) a call needs Authorization: Bearer with a personal access "
						+ "token (rpt_...); the gateway forwards a platform token (a JWT naming the user, team and "
						+ "roles), the only credential a service accepts. The events the services publish on Kafka are "
						+ "described by the AsyncAPI document the gateway serves beside these docs: "
						+ "[/docs/asyncapi.yaml](/docs/asyncapi.yaml)."))
			// Relative: "try it out" goes to whoever served the docs (the gateway at /docs, or the service itself).
			.servers(List.of(new Server().url("/")))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

}
