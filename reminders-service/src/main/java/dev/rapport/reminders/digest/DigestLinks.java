package dev.rapport.reminders.digest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one-click links of a digest, which work from the mail without a session but only for what they name: a token
 * {@code base64url(payload) "." base64url(HMAC-SHA256(payload))}, the payload being
 * {@code v1|action|reminderId|memberId|teamId|expiresAt} (epoch seconds; the unsubscribe link has no reminder). The
 * key is {@code RAPPORT_DIGEST_LINK_SECRET}; changing it voids every link already mailed. Signatures are compared in
 * constant time ({@link MessageDigest#isEqual}), so a forger learns nothing from how fast a guess is refused.
 */
final class DigestLinks {

	private static final String VERSION = "v1";

	private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})+");

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final SecretKeySpec key;

	/** Links signed with {@code key}; without one (null) none can be made and every token is refused. */
	DigestLinks(byte[] key) {
		this.key = key == null ? null : new SecretKeySpec(key, "HmacSHA256");
	}

	/** The configured secret's bytes, from base64 (standard or url-safe) or hex; null when missing or too short. */
	static byte[] key(String secret) {
		if (secret == null || secret.isBlank()) {
			return null;
		}
		String text = secret.strip();
		byte[] key;
		try {
			key = HEX.matcher(text).matches() && text.length() >= 32 ? HexFormat.of().parseHex(text)
					: Base64.getDecoder().decode(text.replace('-', '+').replace('_', '/'));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		return key.length < 16 ? null : key;
	}

	boolean enabled() {
		return key != null;
	}

	/** What a link does. */
	enum Action {
		DONE, SNOOZE, UNSUBSCRIBE
	}

	/** A link's verified content. */
	record Link(Action action, UUID reminderId, UUID memberId, UUID teamId, Instant expiresAt) {
	}

	/** What a token turned out to be: {@code link} set only when it is genuine; expired links are told apart. */
	record Verified(Link link, boolean expired) {

		static final Verified INVALID = new Verified(null, false);

		boolean valid() {
			return link != null && !expired;
		}

	}

	String sign(Link link) {
		if (key == null) {
			throw new IllegalStateException("RAPPORT_DIGEST_LINK_SECRET is not set: no link can be signed");
		}
		String payload = String.join("|", VERSION, link.action().name(),
				link.reminderId() == null ? "-" : link.reminderId().toString(), link.memberId().toString(),
				link.teamId().toString(), Long.toString(link.expiresAt().getEpochSecond()));
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
	}

	/** The link in {@code token} if it is genuine; expired if its time has passed at {@code now}. */
	Verified verify(String token, Instant now) {
		if (key == null || token == null || token.length() > 512) {
			return Verified.INVALID;
		}
		int dot = token.indexOf('.');
		if (dot <= 0 || dot != token.lastIndexOf('.')) {
			return Verified.INVALID;
		}
		try {
			byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
			byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
			if (!MessageDigest.isEqual(mac(payload), signature)) {
				return Verified.INVALID;
			}
			String[] fields = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
			if (fields.length != 6 || !VERSION.equals(fields[0])) {
				return Verified.INVALID;
			}
			Link link = new Link(Action.valueOf(fields[1]), "-".equals(fields[2]) ? null : UUID.fromString(fields[2]),
					UUID.fromString(fields[3]), UUID.fromString(fields[4]), Instant.ofEpochSecond(Long.parseLong(fields[5])));
			return new Verified(link, !now.isBefore(link.expiresAt()));
		}
		catch (IllegalArgumentException ex) {
			return Verified.INVALID;
		}
	}

	private byte[] mac(byte[] payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac.doFinal(payload);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("every JDK has HmacSHA256", ex);
		}
	}

}
