package dev.rapport.gateway.signing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * The platform tokens the gateway signs for the services, and the keys it signs them with.
 * @param issuer and {@code audience}: what services check ({@code RAPPORT_JWT_ISSUER}, {@code RAPPORT_JWT_AUDIENCE})
 * @param tokenTtl how long a forwarded token lives; short, since the gateway signs a new one as needed
 * @param publishAhead how long a new key is in the JWKS before it signs, so services know it when it is used
 * @param reloadInterval how often an instance reads the keys again (another instance may have rotated them)
 * @param initialKey a PEM private key to start with instead of a generated one (devstack shares its key this way)
 * @param keyEncryptionKey base64 of 32 random bytes that the private keys are encrypted with in the database
 * ({@code RAPPORT_KEY_ENCRYPTION_KEY}, required; see {@link KeyEncryption})
 */
@ConfigurationProperties("rapport.gateway.signing")
public record SigningProperties(@DefaultValue("rapport") String issuer, @DefaultValue("rapport-api") String audience,
		@DefaultValue("5m") Duration tokenTtl, @DefaultValue("2m") Duration publishAhead,
		@DefaultValue("30s") Duration reloadInterval, Resource initialKey, String initialKeyId,
		String keyEncryptionKey) {
}
