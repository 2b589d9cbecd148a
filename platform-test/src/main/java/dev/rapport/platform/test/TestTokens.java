package dev.rapport.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import dev.rapport.tokens.RsaKeys;
import dev.rapport.tokens.TokenSigner;

/**
 * Platform tokens for tests, signed with a key pair made once per test JVM; services under test trust its public
 * half exactly as they trust devstack's or the gateway's. {@link #stranger()} signs with a key nobody trusts.
 */
public final class TestTokens {

	public static final String ISSUER = "rapport";

	public static final String AUDIENCE = "rapport-api";

	private static final KeyPair KEYS = RsaKeys.generate();

	private static final TokenSigner SIGNER = new TokenSigner(KEYS, "test-1", ISSUER, AUDIENCE, Clock.systemUTC());

	private static final TokenSigner STRANGER = new TokenSigner(RsaKeys.generate(), "test-1", ISSUER, AUDIENCE,
			Clock.systemUTC());

	private static Path publicKeyFile;

	private TestTokens() {
	}

	public static String token(UUID userId, UUID teamId, String... roles) {
		return SIGNER.sign(userId, teamId, Set.of(roles), Duration.ofMinutes(10));
	}

	/** The trusted signer, to forge tokens with other claims (wrong issuer, audience, expiry). */
	public static TokenSigner signer() {
		return SIGNER;
	}

	/** Same issuer and audience, but a key the services do not trust. */
	public static TokenSigner stranger() {
		return STRANGER;
	}

	/** A {@code file:} location of the trusted public key, for {@code rapport.security.jwt.public-key}. */
	public static synchronized String publicKeyLocation() {
		if (publicKeyFile == null) {
			try {
				publicKeyFile = Files.createTempFile("rapport-test-jwt", ".pem");
				publicKeyFile.toFile().deleteOnExit();
				Files.writeString(publicKeyFile, RsaKeys.publicKeyPem((RSAPublicKey) KEYS.getPublic()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return publicKeyFile.toUri().toString();
	}

}
