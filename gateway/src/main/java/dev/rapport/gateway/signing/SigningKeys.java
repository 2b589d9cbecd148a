package dev.rapport.gateway.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.rapport.tokens.RsaKeys;

/**
 * The keys the gateway signs platform tokens with, kept in its database so every gateway instance signs with the same
 * key and publishes the same JWKS. Rotation without failed requests: a new key is published first and signs only
 * after {@code publishAhead} (services fetch the JWKS again when they meet an unknown key id anyway); the old key
 * stays published until every token it signed has expired. The private halves are stored encrypted
 * ({@link KeyEncryption}); keys an earlier version stored in plain are encrypted on start.
 */
@Component
public class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private final JdbcClient jdbc;

	private final SigningProperties settings;

	private final Clock clock;

	private final KeyEncryption encryption;

	private volatile List<StoredKey> keys = List.of();

	/** A key with its private half: for signing, never shown. */
	public record StoredKey(String kid, KeyPair pair, Instant createdAt, Instant signsFrom, Instant retiredAt) {
	}

	/** A key as operators see it: no private material. */
	public record KeyInfo(String kid, Instant createdAt, Instant signsFrom, Instant retiredAt, String state) {
	}

	SigningKeys(JdbcClient jdbc, SigningProperties settings, Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
		// Here, not at the first key read: a gateway without a usable key refuses to start before anything else.
		this.encryption = new KeyEncryption(settings.keyEncryptionKey());
	}

	/**
	 * On start: keys stored in plain are encrypted, the initial key (configured, or generated) made when there is
	 * none yet, then every key loaded, which refuses to start when the encryption key is not theirs.
	 */
	void initialize() {
		encryptPlainKeys();
		Instant now = clock.instant();
		if (jdbc.sql("select count(*) from signing_key").query(Integer.class).single() == 0) {
			KeyPair pair;
			String kid;
			if (settings.initialKey() != null && settings.initialKey().exists()) {
				pair = RsaKeys.fromPrivateKeyPem(read(settings.initialKey()));
				kid = settings.initialKeyId() != null ? settings.initialKeyId() : newKid(now);
				log.info("Signing platform tokens with the configured initial key {}", kid);
			}
			else {
				pair = RsaKeys.generate();
				kid = newKid(now);
				log.info("Generated the first signing key {}", kid);
			}
			// Racing instances: the second insert of the first key finds it there and keeps the winner's.
			insert(kid, pair, now, now, true);
		}
		reload();
	}

	@Scheduled(fixedDelayString = "${rapport.gateway.signing.reload-interval:30s}")
	void reload() {
		keys = jdbc.sql("""
				select kid, private_key, private_key_sealed, public_key, created_at, signs_from, retired_at
				from signing_key""")
			.query((rs, n) -> {
				String kid = rs.getString("kid");
				byte[] sealed = rs.getBytes("private_key_sealed");
				// Plain only while an instance of the earlier version still writes keys; sealed at the next start.
				String privatePem = sealed != null ? encryption.open(kid, sealed) : rs.getString("private_key");
				return new StoredKey(kid, RsaKeys.fromPem(privatePem, rs.getString("public_key")),
						rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("signs_from").toInstant(),
						rs.getTimestamp("retired_at") == null ? null : rs.getTimestamp("retired_at").toInstant());
			})
			.list();
	}

	/** Keys an earlier version stored in plain: sealed, and the plain column emptied (V3__signing_key_sealed.sql). */
	private void encryptPlainKeys() {
		List<Map<String, Object>> plain = jdbc.sql("select kid, private_key from signing_key where private_key is not null")
			.query()
			.listOfRows();
		for (Map<String, Object> row : plain) {
			String kid = (String) row.get("kid");
			// Racing instances: the first one's update wins, the second finds nothing plain left.
			int sealed = jdbc.sql(
					"update signing_key set private_key_sealed = :sealed, private_key = null where kid = :kid and private_key is not null")
				.param("sealed", encryption.seal(kid, (String) row.get("private_key")))
				.param("kid", kid)
				.update();
			if (sealed == 1) {
				log.info("Encrypted signing key {} at rest: its private key is no longer stored in plain", kid);
			}
		}
	}

	/** The newest key allowed to sign now. */
	public StoredKey active() {
		Instant now = clock.instant();
		return keys.stream()
			.filter(key -> !key.signsFrom().isAfter(now) && (key.retiredAt() == null || key.retiredAt().isAfter(now)))
			.max(Comparator.comparing(StoredKey::signsFrom))
			.orElseThrow(() -> new IllegalStateException("No signing key is active"));
	}

	/** A key as this instance loaded it, published or not. */
	StoredKey stored(String kid) {
		return keys.stream().filter(key -> key.kid().equals(kid)).findFirst().orElseThrow();
	}

	/** Every key a valid token may carry: upcoming ones, the active one, and retired ones still within a token's life. */
	public Map<String, Object> jwks() {
		Instant oldestValid = clock.instant().minus(settings.tokenTtl()).minusSeconds(60);
		List<com.nimbusds.jose.jwk.JWK> published = keys.stream()
			.filter(key -> key.retiredAt() == null || key.retiredAt().isAfter(oldestValid))
			.sorted(Comparator.comparing(StoredKey::signsFrom).reversed())
			.map(key -> (com.nimbusds.jose.jwk.JWK) new RSAKey.Builder((RSAPublicKey) key.pair().getPublic())
				.keyID(key.kid())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(com.nimbusds.jose.JWSAlgorithm.RS256)
				.build())
			.toList();
		return new JWKSet(published).toJSONObject(true);
	}

	/** Publishes a new key now; it signs from {@code publishAhead} on, when the current one retires. */
	public KeyInfo rotate() {
		// The key first (generating one takes a second or more on a busy machine): it is published ahead of
		// signing by the whole publishAhead, counted from when it is stored.
		KeyPair pair = RsaKeys.generate();
		Instant now = clock.instant();
		Instant switchAt = now.plus(settings.publishAhead());
		String kid = newKid(now);
		insert(kid, pair, now, switchAt, false);
		jdbc.sql("update signing_key set retired_at = :at where retired_at is null and kid <> :kid")
			.param("at", Timestamp.from(switchAt))
			.param("kid", kid)
			.update();
		reload();
		log.info("Rotating signing keys: {} is published now and signs from {}", kid, switchAt);
		return info().stream().filter(key -> key.kid().equals(kid)).findFirst().orElseThrow();
	}

	public List<KeyInfo> info() {
		Instant now = clock.instant();
		String activeKid = active().kid();
		return keys.stream()
			.sorted(Comparator.comparing(StoredKey::createdAt).reversed())
			.map(key -> new KeyInfo(key.kid(), key.createdAt(), key.signsFrom(), key.retiredAt(),
					key.kid().equals(activeKid) ? "ACTIVE" : key.signsFrom().isAfter(now) ? "NEXT" : "RETIRED"))
			.toList();
	}

	private void insert(String kid, KeyPair pair, Instant createdAt, Instant signsFrom, boolean ifNone) {
		String sql = """
				insert into signing_key (kid, private_key_sealed, public_key, created_at, signs_from)
				select :kid, :sealed, :public, :createdAt, :signsFrom""" + (ifNone
				? " where not exists (select 1 from signing_key)" : "");
		jdbc.sql(sql)
			.param("kid", kid)
			.param("sealed", encryption.seal(kid, RsaKeys.privateKeyPem((RSAPrivateKey) pair.getPrivate())))
			.param("public", RsaKeys.publicKeyPem((RSAPublicKey) pair.getPublic()))
			.param("createdAt", Timestamp.from(createdAt))
			.param("signsFrom", Timestamp.from(signsFrom))
			.update();
	}

	private static String newKid(Instant now) {
		return "gw-" + now.getEpochSecond() + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static String read(org.springframework.core.io.Resource resource) {
		try {
			return resource.getContentAsString(StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the initial signing key " + resource, ex);
		}
	}

}
