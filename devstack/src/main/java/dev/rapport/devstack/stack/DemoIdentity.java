package dev.rapport.devstack.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import dev.rapport.tokens.RsaKeys;
import dev.rapport.tokens.TokenSigner;

/**
 * The devstack's demo identity, made once in the data dir and reused by every run: the gateway's first signing key,
 * the key its signing keys are encrypted with in its database (RAPPORT_KEY_ENCRYPTION_KEY: it must stay the same
 * for as long as the database does), the first team and its admin (email and password to sign in with). Tooling
 * (clock, load --direct) signs its own tokens with the same key, which services accept for as long as the gateway
 * publishes it.
 */
public record DemoIdentity(KeyPair keys, Path privateKeyPem, Path publicKeyPem, UUID teamId, UUID userId,
		String adminPassword, String keyEncryptionKey) {

	/** An identity to sign tokens with only: without a key encryption key, no gateway starts on it. */
	public DemoIdentity(KeyPair keys, Path privateKeyPem, Path publicKeyPem, UUID teamId, UUID userId,
			String adminPassword) {
		this(keys, privateKeyPem, publicKeyPem, teamId, userId, adminPassword, null);
	}

	public static final String ADMIN_EMAIL = "admin@rapport.local";

	static final String ISSUER = "rapport";

	static final String AUDIENCE = "rapport-api";

	static final String KEY_ID = "devstack-1";

	public static final Set<String> DEMO_ROLES = Set.of("admin");

	public static final Duration DEMO_TOKEN_TTL = Duration.ofHours(12);

	private static final String TEAM = "demo.team.id";

	private static final String USER = "demo.user.id";

	private static final String PASSWORD = "demo.admin.password";

	private static final String ACCESS_TOKEN = "demo.access.token";

	/** Reads the identity, creating whatever part is missing (keys, ids). */
	static DemoIdentity loadOrCreate(DataDir dataDir) {
		Path privatePem = privatePem(dataDir);
		Path publicPem = publicPem(dataDir);
		if (!Files.exists(privatePem) || !Files.exists(publicPem)) {
			RsaKeys.write(RsaKeys.generate(), privatePem, publicPem);
		}
		secret(keyEncryptionKey(dataDir));
		Properties demo = readProperties(dataDir.demoProperties());
		if (demo.getProperty(TEAM) == null || demo.getProperty(USER) == null || demo.getProperty(PASSWORD) == null) {
			demo.setProperty(TEAM, demo.getProperty(TEAM, UUID.randomUUID().toString()));
			demo.setProperty(USER, demo.getProperty(USER, UUID.randomUUID().toString()));
			demo.setProperty(PASSWORD, demo.getProperty(PASSWORD, generatePassword()));
			writeProperties(dataDir.demoProperties(), demo);
		}
		return load(dataDir).orElseThrow();
	}

	/** Reads the identity an earlier {@code up} made; empty if there is none. */
	public static Optional<DemoIdentity> load(DataDir dataDir) {
		Path privatePem = privatePem(dataDir);
		Path publicPem = publicPem(dataDir);
		Properties demo = readProperties(dataDir.demoProperties());
		if (!Files.exists(privatePem) || !Files.exists(publicPem) || demo.getProperty(TEAM) == null
				|| demo.getProperty(USER) == null || demo.getProperty(PASSWORD) == null) {
			return Optional.empty();
		}
		// A data dir of an earlier devstack has none until the next up makes it: tooling signs tokens without it.
		Path keyEncryptionKey = keyEncryptionKey(dataDir);
		return Optional.of(new DemoIdentity(RsaKeys.read(privatePem, publicPem), privatePem, publicPem,
				UUID.fromString(demo.getProperty(TEAM)), UUID.fromString(demo.getProperty(USER)),
				demo.getProperty(PASSWORD), Files.exists(keyEncryptionKey) ? read(keyEncryptionKey) : null));
	}

	/** The personal access token an earlier run created for the admin, if any (it may have been revoked since). */
	static Optional<String> savedAccessToken(DataDir dataDir) {
		return Optional.ofNullable(readProperties(dataDir.demoProperties()).getProperty(ACCESS_TOKEN));
	}

	static void saveAccessToken(DataDir dataDir, String token) {
		Properties demo = readProperties(dataDir.demoProperties());
		demo.setProperty(ACCESS_TOKEN, token);
		writeProperties(dataDir.demoProperties(), demo);
	}

	private static String generatePassword() {
		byte[] random = new byte[12];
		new java.security.SecureRandom().nextBytes(random);
		return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	public String demoToken(Clock clock) {
		return token(userId, teamId, DEMO_ROLES, DEMO_TOKEN_TTL, clock);
	}

	public String token(UUID user, UUID team, Set<String> roles, Duration ttl, Clock clock) {
		return new TokenSigner(keys, KEY_ID, ISSUER, AUDIENCE, clock).sign(user, team, roles, ttl);
	}

	private static Path privatePem(DataDir dataDir) {
		return dataDir.keys().resolve("jwt-private.pem");
	}

	private static Path publicPem(DataDir dataDir) {
		return dataDir.keys().resolve("jwt-public.pem");
	}

	/**
	 * reminders-service's RAPPORT_DIGEST_LINK_SECRET, the key its digest's one-click links are signed with: kept in
	 * the data dir like the signing key, so links in mail already sent still work after devstack restarts.
	 */
	static String digestLinkSecret(DataDir dataDir) {
		return secret(dataDir.keys().resolve("digest-link-secret"));
	}

	/** Base64 of 32 random bytes in {@code file}, made the first time. */
	private static String secret(Path file) {
		if (!Files.exists(file)) {
			byte[] key = new byte[32];
			new java.security.SecureRandom().nextBytes(key);
			write(file, java.util.Base64.getEncoder().encodeToString(key));
		}
		return read(file);
	}

	/** Base64 of 32 random bytes, beside the signing key: the gateway's RAPPORT_KEY_ENCRYPTION_KEY. */
	private static Path keyEncryptionKey(DataDir dataDir) {
		return dataDir.keys().resolve("key-encryption-key");
	}

	private static String read(Path file) {
		try {
			return Files.readString(file).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(Path file, String secret) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, secret + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Properties readProperties(Path file) {
		Properties properties = new Properties();
		if (Files.exists(file)) {
			try (Reader reader = Files.newBufferedReader(file)) {
				properties.load(reader);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return properties;
	}

	private static void writeProperties(Path file, Properties properties) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			try (Writer writer = Files.newBufferedWriter(file)) {
				properties.store(writer, "Devstack's demo identity: the first team, its admin and their password. Delete with up --fresh.");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
