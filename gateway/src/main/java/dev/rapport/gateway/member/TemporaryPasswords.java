package dev.rapport.gateway.member;

import java.security.SecureRandom;
import java.util.Base64;

/** For members added without a password: 120 random bits, shown once to the admin who added them. */
final class TemporaryPasswords {

	private static final SecureRandom RANDOM = new SecureRandom();

	private TemporaryPasswords() {
	}

	static String generate() {
		byte[] secret = new byte[15];
		RANDOM.nextBytes(secret);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

}
