package dev.rapport.devstack.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL from zonky's embedded binaries on 127.0.0.1 (port 5433 unless told otherwise), its data kept in the data dir between runs: zonky
 * runs initdb only when the directory has no postgresql.conf, and with cleanDataDirectory off never deletes it.
 */
final class Postgres implements AutoCloseable {

	/** zonky's initdb creates this superuser with trust authentication, so any password is accepted. */
	static final String USER = "postgres";

	static final String PASSWORD = "postgres";

	private final EmbeddedPostgres postgres;

	private final Path dataDirectory;

	private Postgres(EmbeddedPostgres postgres, Path dataDirectory) {
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
	}

	/**
	 * {@code durable}: every commit is on disk before it is acknowledged (fsync, synchronous commits, full page
	 * writes), as the data dir promises; zonky's defaults, kept for {@code up --no-fsync}, switch that off for speed,
	 * and a power cut or OS crash may then lose acknowledged writes or corrupt the data dir.
	 */
	static Postgres start(Path dataDirectory, int port, boolean durable, Path log) {
		try {
			Files.createDirectories(dataDirectory);
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setPort(port)
				.setServerConfig("fsync", durable ? "on" : "off")
				.setServerConfig("synchronous_commit", durable ? "on" : "off")
				.setServerConfig("full_page_writes", durable ? "on" : "off")
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				// devstack stops PostgreSQL itself, after the services that use it.
				.setRegisterShutdownHook(false)
				.setPGStartupWait(Duration.ofSeconds(60))
				.setOutputRedirector(Redirect.appendTo(log.toFile()))
				.setErrorRedirector(Redirect.appendTo(log.toFile()))
				.start();
			return new Postgres(postgres, dataDirectory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start PostgreSQL in " + dataDirectory + "; see " + log, ex);
		}
	}

	/** Creates whichever databases are missing; returns their names. */
	List<String> createMissingDatabases(List<String> databases) {
		List<String> created = new ArrayList<>();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
				Statement create = connection.createStatement()) {
			for (String database : databases) {
				exists.setString(1, database);
				try (ResultSet result = exists.executeQuery()) {
					if (result.next()) {
						continue;
					}
				}
				create.execute("CREATE DATABASE \"" + database + "\"");
				created.add(database);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create databases " + databases, ex);
		}
		return created;
	}

	/** The postmaster's pid, from the first line of postmaster.pid in the data directory. */
	OptionalLong pid() {
		try {
			return OptionalLong.of(Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().strip()));
		}
		catch (IOException | RuntimeException ex) {
			return OptionalLong.empty();
		}
	}

	/** A fast shutdown (pg_ctl stop -m fast): open sessions are ended, committed data is kept. */
	@Override
	public void close() {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
