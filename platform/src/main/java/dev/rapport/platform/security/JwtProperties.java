package dev.rapport.platform.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * How services verify the platform's tokens: a PEM public key (devstack) or a JWKS endpoint (the gateway's), plus
 * the issuer and audience every token must carry. {@code jwksTimeout} bounds connecting to the JWKS endpoint and,
 * again, reading its answer: a request that needs the keys waits at most that long before it is answered 503.
 */
@ConfigurationProperties("rapport.security.jwt")
public record JwtProperties(Resource publicKey, String jwkSetUri, String issuer, String audience,
		@DefaultValue("5s") Duration jwksTimeout) {
}
