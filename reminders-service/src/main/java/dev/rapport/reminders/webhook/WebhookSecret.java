package dev.rapport.reminders.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook's signing secret and signatures, as Standard Webhooks (standardwebhooks.com) defines them, so a receiver
 * can verify with any of its libraries: the secret is {@code whsec_} and 32 random bytes in base64; a delivery is
 * signed with HMAC-SHA256 of {@code <webhook-id>.<webhook-timestamp>.<body>} under those bytes, sent as
 * {@code webhook-signature: v1,<base64 of the MAC>}.
 */
final class WebhookSecret {

	static final String PREFIX = "whsec_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private WebhookSecret() {
	}

	static String generate() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return PREFIX + Base64.getEncoder().encodeToString(key);
	}

	/** The {@code webhook-signature} header's value for this message. */
	static String sign(String secret, String messageId, long timestampSeconds, byte[] body) {
		byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("every JDK has HmacSHA256", ex);
		}
	}

}
