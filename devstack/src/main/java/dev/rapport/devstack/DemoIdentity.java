package dev.rapport.devstack;

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

/** The devstack's token signing key and its demo team and user: made once in the data dir, reused by every run. */
record DemoIdentity(KeyPair keys, Path publicKeyPem, UUID teamId, UUID userId) {

	static final String ISSUER = "rapport";

	static final String AUDIENCE = "rapport-api";

	static final String KEY_ID = "devstack-1";

	static final Set<String> DEMO_ROLES = Set.of("admin");

	static final Duration DEMO_TOKEN_TTL = Duration.ofHours(12);

	private static final String TEAM = "demo.team.id";

	private static final String USER = "demo.user.id";

	/** Reads the identity, creating whatever part is missing (keys, ids). */
	static DemoIdentity loadOrCreate(DataDir dataDir) {
		Path privatePem = privatePem(dataDir);
		Path publicPem = publicPem(dataDir);
		if (!Files.exists(privatePem) || !Files.exists(publicPem)) {
			RsaKeys.write(RsaKeys.generate(), privatePem, publicPem);
		}
		Properties demo = readProperties(dataDir.demoProperties());
		if (demo.getProperty(TEAM) == null || demo.getProperty(USER) == null) {
			demo.setProperty(TEAM, UUID.randomUUID().toString());
			demo.setProperty(USER, UUID.randomUUID().toString());
			writeProperties(dataDir.demoProperties(), demo);
		}
		return load(dataDir).orElseThrow();
	}

	/** Reads the identity an earlier {@code up} made; empty if there is none. */
	static Optional<DemoIdentity> load(DataDir dataDir) {
		Path privatePem = privatePem(dataDir);
		Path publicPem = publicPem(dataDir);
		Properties demo = readProperties(dataDir.demoProperties());
		if (!Files.exists(privatePem) || !Files.exists(publicPem) || demo.getProperty(TEAM) == null
				|| demo.getProperty(USER) == null) {
			return Optional.empty();
		}
		return Optional.of(new DemoIdentity(RsaKeys.read(privatePem, publicPem), publicPem,
				UUID.fromString(demo.getProperty(TEAM)), UUID.fromString(demo.getProperty(USER))));
	}

	String demoToken(Clock clock) {
		return token(userId, teamId, DEMO_ROLES, DEMO_TOKEN_TTL, clock);
	}

	String token(UUID user, UUID team, Set<String> roles, Duration ttl, Clock clock) {
		return new TokenSigner(keys, KEY_ID, ISSUER, AUDIENCE, clock).sign(user, team, roles, ttl);
	}

	private static Path privatePem(DataDir dataDir) {
		return dataDir.keys().resolve("jwt-private.pem");
	}

	private static Path publicPem(DataDir dataDir) {
		return dataDir.keys().resolve("jwt-public.pem");
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
				properties.store(writer, "Devstack's demo identity: the demo token's team and user. Delete to get new ones.");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
