package dev.rapport.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestTemplate;

import dev.rapport.tokens.RsaKeys;
import dev.rapport.tokens.TokenClaims;

/**
 * Builds the decoder every service uses: RS256 only (so {@code alg: none} and HMAC tricks fail), and a token must
 * be unexpired, from our issuer, for our audience, and name a user and a team.
 */
public final class PlatformJwtDecoders {

	private PlatformJwtDecoders() {
	}

	public static JwtDecoder create(JwtProperties properties) {
		NimbusJwtDecoder decoder;
		if (StringUtils.hasText(properties.jwkSetUri())) {
			SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
			requests.setConnectTimeout(properties.jwksTimeout());
			requests.setReadTimeout(properties.jwksTimeout());
			decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
				.jwsAlgorithm(SignatureAlgorithm.RS256)
				.restOperations(new RestTemplate(requests))
				.build();
		}
		else if (properties.publicKey() != null && properties.publicKey().exists()) {
			decoder = NimbusJwtDecoder.withPublicKey(RsaKeys.readPublicKey(read(properties)))
				.signatureAlgorithm(SignatureAlgorithm.RS256)
				.build();
		}
		else {
			throw new IllegalStateException("No token verification key: set RAPPORT_JWT_PUBLIC_KEY (a PEM location, "
					+ "e.g. file:/path/jwt-public.pem) or RAPPORT_JWT_JWKS_URI");
		}
		decoder.setJwtValidator(validator(properties.issuer(), properties.audience()));
		return decoder;
	}

	static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
		return new DelegatingOAuth2TokenValidator<>(List.of(new JwtTimestampValidator(Duration.ofSeconds(30)),
				requireExpiry(), new JwtIssuerValidator(issuer),
				new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)),
				new JwtClaimValidator<String>(JwtClaimNames.SUB, PlatformJwtDecoders::isUuid),
				new JwtClaimValidator<String>(TokenClaims.TEAM, PlatformJwtDecoders::isUuid)));
	}

	/** The timestamp validator accepts a token without {@code exp}; a platform token must expire. */
	private static OAuth2TokenValidator<Jwt> requireExpiry() {
		return jwt -> jwt.getExpiresAt() != null ? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token has no expiry", null));
	}

	private static boolean isUuid(String value) {
		if (value == null) {
			return false;
		}
		try {
			UUID.fromString(value);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static String read(JwtProperties properties) {
		try {
			return properties.publicKey().getContentAsString(StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the token verification key " + properties.publicKey(), ex);
		}
	}

}
