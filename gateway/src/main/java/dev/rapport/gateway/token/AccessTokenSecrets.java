package dev.rapport.gateway.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Personal access token secrets: {@code rpt_} and 256 random bits. Stored as SHA-256 only: with that much entropy a
 * fast hash is enough (no dictionary to guess from), and it lets the gateway look a token up by its hash.
 */
final class AccessTokenSecrets {

	static final String PREFIX = "rpt_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private AccessTokenSecrets() {
	}

	static String generate() {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

	static boolean looksLikeOne(String value) {
		return value != null && value.startsWith(PREFIX);
	}

	/** What a user sees in the token list to tell tokens apart: the first characters after the prefix. */
	static String displayPrefix(String secret) {
		return secret.substring(0, PREFIX.length() + 6);
	}

	static byte[] hash(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
