package dev.rapport.gateway.oidc;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * An external OpenID Connect provider (Keycloak, Google, Okta) whose bearer JWTs API clients may use. Browser login
 * through the same provider is Spring Boot's {@code spring.security.oauth2.client.registration.*}. Either way a
 * provider's user is the Rapport member with the same (verified) email: the provider proves who someone is, the
 * team admin decides that they are in.
 * @param issuerUri the provider's issuer; unset means no bearer JWTs from a provider
 * @param jwkSetUri where its keys are, when not discoverable from the issuer
 * @param audience when set, a provider token must be issued for it
 */
@ConfigurationProperties("rapport.gateway.oidc")
public record OidcProperties(String issuerUri, String jwkSetUri, String audience,
		@DefaultValue("email") String emailClaim) {

	boolean bearerJwtEnabled() {
		return (issuerUri != null && !issuerUri.isBlank()) || (jwkSetUri != null && !jwkSetUri.isBlank());
	}

}
