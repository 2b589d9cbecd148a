package dev.rapport.reminders.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A feed's secret: 32 random bytes, base64url without padding (43 characters), the only credential a calendar
 * application has. Only its SHA-256 is stored; a leaked table row opens no feed, and a lookup by hash needs no
 * constant-time comparison (the hash of a guess says nothing about the secret).
 */
final class FeedSecret {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

	private FeedSecret() {
	}

	static String generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Whether {@code text} could be a secret at all: anything else is answered without asking the database. */
	static boolean wellFormed(String text) {
		return text != null && FORM.matcher(text).matches();
	}

	static byte[] sha256(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JDK has SHA-256", e);
		}
	}

}
