package dev.rapport.gateway.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the private halves of the signing keys for the database, so a copy of it (a backup, a replica, a dump) signs
 * nothing: AES-256-GCM under {@code RAPPORT_KEY_ENCRYPTION_KEY}, a random 96-bit nonce for every seal, the key id as
 * associated data (a sealed key moved to another row does not open). Sealed: a version byte, the nonce, then the
 * ciphertext with its tag.
 */
final class KeyEncryption {

	static final String VARIABLE = "RAPPORT_KEY_ENCRYPTION_KEY";

	private static final byte VERSION = 1;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final int KEY_BYTES = 32;

	private final SecretKey key;

	private final SecureRandom random = new SecureRandom();

	/** The key as {@code RAPPORT_KEY_ENCRYPTION_KEY} holds it: base64 of 32 random bytes. */
	KeyEncryption(String base64Key) {
		if (base64Key == null || base64Key.isBlank()) {
			throw new KeyEncryptionKeyException(VARIABLE + " is not set: the gateway keeps its signing keys encrypted "
					+ "with it and does not start without one.", howToMakeOne());
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64Key.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new KeyEncryptionKeyException(VARIABLE + " is not base64.", howToMakeOne());
		}
		if (bytes.length != KEY_BYTES) {
			throw new KeyEncryptionKeyException(
					VARIABLE + " holds " + bytes.length + " bytes; it must be base64 of 32 random bytes.", howToMakeOne());
		}
		this.key = new SecretKeySpec(bytes, "AES");
	}

	byte[] seal(String kid, String privateKeyPem) {
		byte[] nonce = new byte[NONCE_BYTES];
		random.nextBytes(nonce);
		byte[] sealed = crypt(Cipher.ENCRYPT_MODE, kid, nonce, privateKeyPem.getBytes(StandardCharsets.US_ASCII));
		return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
	}

	/** The PEM sealed for {@code kid}; a clear refusal when this is not the key it was sealed with. */
	String open(String kid, byte[] sealed) {
		if (sealed.length < 1 + NONCE_BYTES || sealed[0] != VERSION) {
			throw new IllegalStateException("Signing key " + kid + " is not sealed in a form this gateway reads");
		}
		byte[] nonce = Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES);
		byte[] ciphertext = Arrays.copyOfRange(sealed, 1 + NONCE_BYTES, sealed.length);
		try {
			return new String(crypt(Cipher.DECRYPT_MODE, kid, nonce, ciphertext), StandardCharsets.US_ASCII);
		}
		catch (WrongKey ex) {
			throw new KeyEncryptionKeyException(VARIABLE + " does not open signing key " + kid
					+ " in the gateway's database: it is not the key that encrypted it.",
					"Start the gateway with the " + VARIABLE + " it was started with before (every instance of a "
							+ "deployment needs the same one). Without it the stored keys are lost: only then delete "
							+ "the rows of table signing_key, and the gateway makes a new key on its next start.");
		}
	}

	private byte[] crypt(int mode, String kid, byte[] nonce, byte[] input) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(input);
		}
		catch (AEADBadTagException ex) {
			throw new WrongKey();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available in this JDK", ex);
		}
	}

	private static String howToMakeOne() {
		return "Make one with `openssl rand -base64 32`, keep it with the deployment's other secrets, and give every "
				+ "gateway instance the same " + VARIABLE + ". It must stay the same for the life of the database.";
	}

	/** The tag did not verify: another key, or a changed row. */
	private static final class WrongKey extends RuntimeException {

		WrongKey() {
			super(null, null, false, false);
		}

	}

}
