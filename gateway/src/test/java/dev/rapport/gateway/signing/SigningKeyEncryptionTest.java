package dev.rapport.gateway.signing;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

import dev.rapport.gateway.GatewayApplication;
import dev.rapport.gateway.GatewayTestDatabase;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TestInfrastructure.TestDatabase;
import dev.rapport.tokens.RsaKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The signing keys' private halves are encrypted in the gateway's database with RAPPORT_KEY_ENCRYPTION_KEY: what a
 * row holds, instances sharing the key, a gateway refusing another key or none, and keys an earlier version stored in
 * plain. Whole gateway applications on a real PostgreSQL, a fresh database per test.
 */
class SigningKeyEncryptionTest {

	private static final String OTHER_KEY = Base64.getEncoder()
		.encodeToString("not the deployment's key at all!".getBytes(StandardCharsets.US_ASCII));

	private final List<AutoCloseable> opened = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable resource : opened.reversed()) {
			resource.close();
		}
	}

	@Test
	void aStoredKeyHoldsNoPrivateKeyInPlainAndOpensOnAnotherInstanceWithTheSameKey() throws Exception {
		TestDatabase database = newDatabase();
		SigningKeys first = start(database, GatewayTestDatabase.KEY_ENCRYPTION_KEY).getBean(SigningKeys.class);
		first.rotate();

		List<Row> rows = rows(database);
		assertThat(rows).hasSize(2);
		for (Row row : rows) {
			assertThat(row.privateKey()).as("the plain column of %s", row.kid()).isNull();
			assertThat(row.sealed()).as("the sealed column of %s", row.kid()).isNotEmpty();
			KeyPair pair = keyOf(first, row.kid());
			String sealedText = new String(row.sealed(), StandardCharsets.ISO_8859_1);
			String pem = RsaKeys.privateKeyPem((RSAPrivateKey) pair.getPrivate());
			assertThat(sealedText).doesNotContain("PRIVATE KEY")
				.doesNotContain(pem.lines().skip(1).findFirst().orElseThrow().substring(0, 16));
			assertThat(HexFormat.of().formatHex(row.sealed()))
				.as("no run of the private key's DER bytes")
				.doesNotContain(HexFormat.of().formatHex(pair.getPrivate().getEncoded(), 40, 72));
		}

		SigningKeys second = start(database, GatewayTestDatabase.KEY_ENCRYPTION_KEY).getBean(SigningKeys.class);

		for (Row row : rows) {
			assertThat(keyOf(second, row.kid()).getPrivate()).as("key %s on the other instance", row.kid())
				.isEqualTo(keyOf(first, row.kid()).getPrivate());
		}
		assertThat(second.active().kid()).isEqualTo(first.active().kid());
	}

	@Test
	void aGatewayWithAnotherKeyRefusesToStartSayingWhy() {
		TestDatabase database = newDatabase();
		start(database, GatewayTestDatabase.KEY_ENCRYPTION_KEY);

		Throwable refused = catchThrowable(() -> start(database, OTHER_KEY));

		KeyEncryptionKeyException cause = causeOf(refused);
		assertThat(cause.problem()).contains("RAPPORT_KEY_ENCRYPTION_KEY does not open signing key",
				"it is not the key that encrypted it");
		FailureAnalysis analysis = new KeyEncryptionFailureAnalyzer().analyze(refused);
		assertThat(analysis.getDescription()).isEqualTo(cause.problem());
		assertThat(analysis.getAction()).contains("the same one");
	}

	@Test
	void aGatewayWithoutAKeyRefusesToStartNamingTheVariableAndHowToMakeOne() {
		TestDatabase database = newDatabase();

		Throwable refused = catchThrowable(() -> start(database, ""));

		KeyEncryptionKeyException cause = causeOf(refused);
		assertThat(cause.problem()).contains("RAPPORT_KEY_ENCRYPTION_KEY is not set");
		assertThat(cause.action()).contains("openssl rand -base64 32");
	}

	@Test
	void keysAnEarlierVersionStoredInPlainAreEncryptedOnTheFirstStartWithAKey() throws Exception {
		TestDatabase database = newDatabase();
		Flyway.configure()
			.dataSource(database.jdbcUrl(), database.server().username(), database.server().password())
			.target("2")
			.load()
			.migrate();
		KeyPair plain = RsaKeys.generate();
		try (Connection connection = connect(database); PreparedStatement insert = connection.prepareStatement(
				"insert into signing_key (kid, private_key, public_key, created_at, signs_from) values (?, ?, ?, ?, ?)")) {
			Timestamp before = Timestamp.from(Instant.now().minusSeconds(3600));
			insert.setString(1, "plain-1");
			insert.setString(2, RsaKeys.privateKeyPem((RSAPrivateKey) plain.getPrivate()));
			insert.setString(3, RsaKeys.publicKeyPem((RSAPublicKey) plain.getPublic()));
			insert.setTimestamp(4, before);
			insert.setTimestamp(5, before);
			insert.executeUpdate();
		}

		SigningKeys keys = start(database, GatewayTestDatabase.KEY_ENCRYPTION_KEY).getBean(SigningKeys.class);

		assertThat(rows(database)).singleElement().satisfies(row -> {
			assertThat(row.kid()).isEqualTo("plain-1");
			assertThat(row.privateKey()).as("the plain column, emptied").isNull();
			assertThat(row.sealed()).isNotEmpty();
		});
		assertThat(keys.active().kid()).as("the same key signs on").isEqualTo("plain-1");
		assertThat(keys.active().pair().getPrivate()).isEqualTo(plain.getPrivate());
	}

	private TestDatabase newDatabase() {
		TestDatabase database = TestInfrastructure.newDatabase();
		opened.add(database);
		return database;
	}

	/** A gateway on {@code database}, started as a deployment starts it, with that key encryption key. */
	private ConfigurableApplicationContext start(TestDatabase database, String keyEncryptionKey) {
		ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
				"--server.port=0", "--management.server.port=0", "--spring.jmx.enabled=false",
				"--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=" + database.server().username(),
				"--spring.datasource.password=" + database.server().password(),
				"--rapport.gateway.bootstrap.admin-email=" + GatewayTestDatabase.ADMIN_EMAIL,
				"--rapport.gateway.bootstrap.admin-password=" + GatewayTestDatabase.ADMIN_PASSWORD,
				"--rapport.gateway.signing.key-encryption-key=" + keyEncryptionKey);
		opened.add(gateway);
		return gateway;
	}

	private static KeyEncryptionKeyException causeOf(Throwable refused) {
		Throwable cause = refused;
		while (cause != null && !(cause instanceof KeyEncryptionKeyException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("why the gateway did not start: %s", refused).isInstanceOf(KeyEncryptionKeyException.class);
		return (KeyEncryptionKeyException) cause;
	}

	private static KeyPair keyOf(SigningKeys keys, String kid) {
		return keys.stored(kid).pair();
	}

	private record Row(String kid, String privateKey, byte[] sealed) {
	}

	private static List<Row> rows(TestDatabase database) throws SQLException {
		List<Row> rows = new ArrayList<>();
		try (Connection connection = connect(database);
				ResultSet result = connection.createStatement()
					.executeQuery("select kid, private_key, private_key_sealed from signing_key order by created_at")) {
			while (result.next()) {
				rows.add(new Row(result.getString(1), result.getString(2), result.getBytes(3)));
			}
		}
		return rows;
	}

	private static Connection connect(TestDatabase database) throws SQLException {
		return DriverManager.getConnection(database.jdbcUrl(), database.server().username(),
				database.server().password());
	}

}
