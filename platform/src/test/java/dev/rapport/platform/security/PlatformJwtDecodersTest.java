package dev.rapport.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import dev.rapport.tokens.RsaKeys;
import dev.rapport.tokens.TokenClaims;
import dev.rapport.tokens.TokenSigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What a service accepts as identity: only our RS256 tokens, unexpired, for us, naming a user and a team. */
class PlatformJwtDecodersTest {

	static final KeyPair KEYS = RsaKeys.generate();

	static final TokenSigner SIGNER = new TokenSigner(KEYS, "k1", "rapport", "rapport-api", Clock.systemUTC());

	final JwtDecoder decoder = PlatformJwtDecoders.create(new JwtProperties(
			new ByteArrayResource(RsaKeys.publicKeyPem((RSAPublicKey) KEYS.getPublic()).getBytes(StandardCharsets.US_ASCII)) {
				@Override
				public boolean exists() {
					return true;
				}
			}, null, "rapport", "rapport-api", Duration.ofSeconds(5)));

	@Test
	void acceptsAPlatformTokenAndReadsTheCaller() {
		UUID user = UUID.randomUUID();
		UUID team = UUID.randomUUID();

		Jwt jwt = decoder.decode(SIGNER.sign(user, team, Set.of("admin"), Duration.ofMinutes(5)));

		assertThat(Caller.from(jwt)).isEqualTo(new Caller(user, team, Set.of("admin")));
	}

	@Test
	void refusesTokensThatAreNotOurs() {
		Instant now = Instant.now();
		JWTClaimsSet good = new JWTClaimsSet.Builder().subject(UUID.randomUUID().toString())
			.claim(TokenClaims.TEAM, UUID.randomUUID().toString())
			.issuer("rapport")
			.audience("rapport-api")
			.expirationTime(Date.from(now.plusSeconds(300)))
			.build();
		assertThat(decoder.decode(SIGNER.sign(good)).getSubject()).isEqualTo(good.getSubject());

		assertRefused(SIGNER.sign(new JWTClaimsSet.Builder(good).expirationTime(Date.from(now.minusSeconds(60))).build()));
		assertRefused(SIGNER.sign(new JWTClaimsSet.Builder(good).expirationTime(null).build()));
		assertRefused(SIGNER.sign(new JWTClaimsSet.Builder(good).issuer("someone-else").build()));
		assertRefused(SIGNER.sign(new JWTClaimsSet.Builder(good).audience("another-api").build()));
		assertRefused(SIGNER.sign(new JWTClaimsSet.Builder(good).subject("not-a-uuid").build()));
		assertRefused(SIGNER.sign(new JWTClaimsSet.Builder(good).claim(TokenClaims.TEAM, null).build()));
		assertRefused(new TokenSigner(RsaKeys.generate(), "k1", "rapport", "rapport-api", Clock.systemUTC()).sign(good));
		assertRefused(new PlainJWT(good).serialize());
		assertRefused(hmacSigned(good));
	}

	/** The classic key-confusion attack: HS256 "signed" with the public key as the secret. */
	private static String hmacSigned(JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
			byte[] secret = RsaKeys.publicKeyPem((RSAPublicKey) KEYS.getPublic()).getBytes(StandardCharsets.US_ASCII);
			jwt.sign(new MACSigner(secret));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void assertRefused(String token) {
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(token));
	}

}
