package dev.rapport.gateway.identity;

import java.time.Duration;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * The gateway's identity settings.
 * @param bootstrap the first team and its admin, created on a first start (no member yet)
 * @param signing the platform tokens the gateway signs for the services
 */
@ConfigurationProperties("rapport.gateway")
public record IdentityProperties(@DefaultValue Bootstrap bootstrap, @DefaultValue Signing signing) {

	/**
	 * @param teamId and {@code adminId}: fixed ids, so a launcher (devstack) can sign tooling tokens for the same user;
	 * random when unset
	 * @param adminPassword when unset, one is generated and logged once
	 */
	public record Bootstrap(UUID teamId, @DefaultValue("Rapport") String teamName, UUID adminId,
			@DefaultValue("admin@rapport.local") String adminEmail, @DefaultValue("Admin") String adminName,
			String adminPassword) {
	}

	/**
	 * @param issuer and {@code audience}: what services check ({@code RAPPORT_JWT_ISSUER}, {@code RAPPORT_JWT_AUDIENCE})
	 * @param tokenTtl how long a forwarded token lives; short, since the gateway signs a new one as needed
	 * @param publishAhead how long a new key is in the JWKS before it signs, so services know it when it is used
	 * @param initialKey a PEM private key to start with instead of a generated one (devstack shares its key this way)
	 */
	public record Signing(@DefaultValue("rapport") String issuer, @DefaultValue("rapport-api") String audience,
			@DefaultValue("5m") Duration tokenTtl, @DefaultValue("2m") Duration publishAhead,
			@DefaultValue("30s") Duration reloadInterval, Resource initialKey, String initialKeyId) {
	}

}
