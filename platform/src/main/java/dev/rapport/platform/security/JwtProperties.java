package dev.rapport.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * How services verify the platform's tokens: a PEM public key (devstack) or a JWKS endpoint (the gateway's), plus
 * the issuer and audience every token must carry.
 */
@ConfigurationProperties("rapport.security.jwt")
public record JwtProperties(Resource publicKey, String jwkSetUri, String issuer, String audience) {
}
