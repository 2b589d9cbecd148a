package dev.rapport.tokens;

import java.nio.file.Path;
import java.security.KeyPair;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RsaKeysTest {

	@Test
	void writesAndReadsBackTheSameKeys(@TempDir Path dir) {
		KeyPair keys = RsaKeys.generate();

		RsaKeys.write(keys, dir.resolve("private.pem"), dir.resolve("public.pem"));
		KeyPair read = RsaKeys.read(dir.resolve("private.pem"), dir.resolve("public.pem"));

		assertThat(read.getPublic().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
		assertThat(read.getPrivate().getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
	}

	@Test
	void thePublicHalfComesFromThePrivateKeyAlone() {
		KeyPair keys = RsaKeys.generate();

		KeyPair derived = RsaKeys
			.fromPrivateKeyPem(RsaKeys.privateKeyPem((java.security.interfaces.RSAPrivateKey) keys.getPrivate()));

		assertThat(derived.getPublic().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
	}

	@Test
	void refusesWhatIsNotAnRsaKey() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RsaKeys.readPublicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"));
	}

}
