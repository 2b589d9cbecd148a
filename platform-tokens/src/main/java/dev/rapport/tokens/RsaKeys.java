package dev.rapport.tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Generates RSA signing keys and reads and writes them as PEM (PKCS#8 private, X.509 public). */
public final class RsaKeys {

	private RsaKeys() {
	}

	public static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("RSA is not available in this JVM", ex);
		}
	}

	public static String publicKeyPem(RSAPublicKey key) {
		return pem("PUBLIC KEY", key.getEncoded());
	}

	public static String privateKeyPem(RSAPrivateKey key) {
		return pem("PRIVATE KEY", key.getEncoded());
	}

	public static RSAPublicKey readPublicKey(String pem) {
		try {
			return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("Not an RSA public key in X.509 PEM form", ex);
		}
	}

	public static RSAPrivateKey readPrivateKey(String pem) {
		try {
			return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("Not an RSA private key in PKCS#8 PEM form", ex);
		}
	}

	/** Writes both halves; the private key file is readable by its owner only where the file system allows. */
	public static KeyPair fromPem(String privatePem, String publicPem) {
		return new KeyPair(readPublicKey(publicPem), readPrivateKey(privatePem));
	}

	/** A key pair from its private key alone: a PKCS#8 RSA key carries the public exponent and modulus. */
	public static KeyPair fromPrivateKeyPem(String privatePem) {
		RSAPrivateKey privateKey = readPrivateKey(privatePem);
		if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
			throw new IllegalArgumentException("The private key does not carry its public half (not a CRT key)");
		}
		try {
			RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
			return new KeyPair(publicKey, privateKey);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("Not a usable RSA private key", ex);
		}
	}

	public static void write(KeyPair keys, Path privatePem, Path publicPem) {
		try {
			Files.createDirectories(privatePem.toAbsolutePath().getParent());
			Files.writeString(privatePem, privateKeyPem((RSAPrivateKey) keys.getPrivate()));
			privatePem.toFile().setReadable(false, false);
			privatePem.toFile().setReadable(true, true);
			Files.createDirectories(publicPem.toAbsolutePath().getParent());
			Files.writeString(publicPem, publicKeyPem((RSAPublicKey) keys.getPublic()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static KeyPair read(Path privatePem, Path publicPem) {
		try {
			return new KeyPair(readPublicKey(Files.readString(publicPem)), readPrivateKey(Files.readString(privatePem)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

	private static byte[] der(String pem) {
		String base64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
		return Base64.getDecoder().decode(base64);
	}

}
