package dev.rapport.gateway.signing;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.rapport.tokens.RsaKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyEncryptionTest {

	private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	private static final String OTHER_KEY = Base64.getEncoder().encodeToString("another key of thirty-two bytes!"
		.getBytes(StandardCharsets.US_ASCII));

	private final String pem = RsaKeys.privateKeyPem((RSAPrivateKey) RsaKeys.generate().getPrivate());

	@Test
	void aSealedKeyOpensWithTheSameKeyAndKidAndHoldsNothingInPlain() {
		KeyEncryption encryption = new KeyEncryption(KEY);

		byte[] sealed = encryption.seal("gw-1", pem);

		assertThat(new KeyEncryption(KEY).open("gw-1", sealed)).isEqualTo(pem);
		String asText = new String(sealed, StandardCharsets.ISO_8859_1);
		assertThat(asText).doesNotContain("PRIVATE KEY")
			.doesNotContain(pem.lines().skip(1).findFirst().orElseThrow().substring(0, 16));
	}

	@Test
	void everySealHasItsOwnNonce() {
		KeyEncryption encryption = new KeyEncryption(KEY);

		assertThat(encryption.seal("gw-1", pem)).isNotEqualTo(encryption.seal("gw-1", pem));
	}

	@Test
	void aSealedKeyDoesNotOpenUnderAnotherKidOrKey() {
		byte[] sealed = new KeyEncryption(KEY).seal("gw-1", pem);

		assertThatThrownBy(() -> new KeyEncryption(KEY).open("gw-2", sealed))
			.isInstanceOf(KeyEncryptionKeyException.class);
		assertThatThrownBy(() -> new KeyEncryption(OTHER_KEY).open("gw-1", sealed))
			.isInstanceOf(KeyEncryptionKeyException.class)
			.hasMessageContaining("RAPPORT_KEY_ENCRYPTION_KEY does not open signing key gw-1")
			.hasNoCause();
	}

	@Test
	void aMissingOrMalformedKeyIsRefusedSayingHowToMakeOne() {
		assertThatThrownBy(() -> new KeyEncryption("")).isInstanceOf(KeyEncryptionKeyException.class)
			.hasMessageContaining("RAPPORT_KEY_ENCRYPTION_KEY is not set")
			.hasMessageContaining("openssl rand -base64 32");
		assertThatThrownBy(() -> new KeyEncryption("not base64!")).hasMessageContaining("is not base64");
		assertThatThrownBy(() -> new KeyEncryption(Base64.getEncoder().encodeToString(new byte[16])))
			.hasMessageContaining("holds 16 bytes");
	}

}
