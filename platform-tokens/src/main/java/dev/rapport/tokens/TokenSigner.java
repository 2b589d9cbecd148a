package dev.rapport.tokens;

import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs the platform's access tokens (RS256) that services accept: subject = user id, plus team and roles.
 * Devstack uses it for its demo token and tests for theirs; the gateway signs with it once it issues tokens.
 */
public final class TokenSigner {

	private final RSASSASigner signer;

	private final String keyId;

	private final String issuer;

	private final String audience;

	private final Clock clock;

	public TokenSigner(KeyPair keys, String keyId, String issuer, String audience, Clock clock) {
		this.signer = new RSASSASigner((RSAPrivateKey) keys.getPrivate());
		this.keyId = keyId;
		this.issuer = issuer;
		this.audience = audience;
		this.clock = clock;
	}

	public String sign(UUID userId, UUID teamId, Set<String> roles, Duration ttl) {
		Instant now = clock.instant();
		return sign(new JWTClaimsSet.Builder().subject(userId.toString())
			.claim(TokenClaims.TEAM, teamId.toString())
			.claim(TokenClaims.ROLES, List.copyOf(roles))
			.issuer(issuer)
			.audience(audience)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(ttl)))
			.jwtID(UUID.randomUUID().toString())
			.build());
	}

	/** Signs arbitrary claims: tests use it to forge tokens with a wrong issuer, audience or expiry. */
	public String sign(JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).type(JOSEObjectType.JWT).build(), claims);
		try {
			jwt.sign(signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign token", ex);
		}
		return jwt.serialize();
	}

}
