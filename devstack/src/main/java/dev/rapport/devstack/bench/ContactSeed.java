package dev.rapport.devstack.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.rapport.devstack.stack.DataDir;
import dev.rapport.devstack.stack.DemoIdentity;
import dev.rapport.devstack.stack.Ports;
import dev.rapport.devstack.stack.Service;
import dev.rapport.devstack.stack.UsageException;

/**
 * {@code devstack seed-contacts [count]}: many synthetic contacts for the demo team, for search benchmarks (the web
 * client's search as you type at 100,000 contacts). They are inserted straight into the running devstack's contacts
 * database by the generator contacts-service's SearchBenchmark uses, read from the jar the running contacts-service
 * was started from, so its columns are that service's: owned by the demo admin, visible to the team. The rows bypass
 * the outbox: no event announces them, so interactions-service and reminders-service never hear of these contacts.
 * For benchmarks on a devstack you can throw away ({@code up --fresh} forgets them).
 */
public final class ContactSeed {

	public static final int DEFAULT_COUNT = 100_000;

	/** Where spring-boot-maven-plugin puts contacts-service's {@code benchmark-contacts.sql} in its jar. */
	static final String GENERATOR = "BOOT-INF/classes/dev/rapport/contacts/contact/search/benchmark-contacts.sql";

	private final Path contactsJar;

	private final Ports ports;

	private final DemoIdentity identity;

	private final PrintStream out;

	public ContactSeed(DataDir dataDir, Ports ports, DemoIdentity identity, PrintStream out) {
		this.contactsJar = dataDir.jar(Service.CONTACTS);
		this.ports = ports;
		this.identity = identity;
		this.out = out;
	}

	/** The command's arguments: none (100,000) or how many contacts, a positive whole number ({@code 100000}, {@code 100_000}). */
	public static int count(List<String> arguments) {
		if (arguments.isEmpty()) {
			return DEFAULT_COUNT;
		}
		if (arguments.size() > 1) {
			throw new UsageException("'seed-contacts' takes one number, how many contacts, got " + arguments);
		}
		String value = arguments.getFirst();
		if (value.matches("[0-9]+(_[0-9]+)*")) {
			try {
				int count = Integer.parseInt(value.replace("_", ""));
				if (count > 0) {
					return count;
				}
			}
			catch (NumberFormatException ex) {
				// too large: reported below
			}
		}
		throw new UsageException("'seed-contacts' needs how many contacts, a whole number from 1 to "
				+ Integer.MAX_VALUE + ", got '" + value + "'");
	}

	public void run(int count) {
		String generator = generator(contactsJar);
		out.printf("Inserting %,d generated contacts into the demo team's contacts database (owner %s, visible to the"
				+ " team)%n  straight into the table, bypassing the outbox: no events, for search benchmarks only%n",
				count, DemoIdentity.ADMIN_EMAIL);
		try (Connection database = Service.CONTACTS.openDatabase(ports)) {
			requireContactTable(database);
			long started = System.nanoTime();
			int inserted;
			try (PreparedStatement insert = database.prepareStatement(generator)) {
				insert.setObject(1, identity.teamId());
				insert.setObject(2, identity.userId());
				insert.setInt(3, count);
				inserted = insert.executeUpdate();
			}
			long insertedAt = System.nanoTime();
			try (Statement analyze = database.createStatement()) {
				// Fresh statistics, so the planner knows the team is large (contacts-service's search relies on it).
				analyze.execute("analyze contact");
			}
			out.printf("  %,d contacts inserted in %.1f s, statistics updated in %.1f s; the demo team now has %,d%n",
					inserted, (insertedAt - started) / 1e9, (System.nanoTime() - insertedAt) / 1e9,
					teamSize(database, identity.teamId()));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not insert contacts into the contacts database (PostgreSQL on port "
					+ ports.postgres() + "): " + ex.getMessage(), ex);
		}
	}

	/** The generator's one statement, from the jar contacts-service runs; its parameters: team, owner, how many. */
	static String generator(Path contactsJar) {
		if (!Files.isRegularFile(contactsJar)) {
			throw new IllegalStateException("No " + contactsJar + ": start this devstack once (./devstack/run up), "
					+ "seed-contacts uses the contacts-service jar it runs");
		}
		try (ZipFile jar = new ZipFile(contactsJar.toFile())) {
			ZipEntry entry = jar.getEntry(GENERATOR);
			if (entry == null) {
				throw new IllegalStateException(contactsJar + " has no " + GENERATOR
						+ ": it was built before seed-contacts existed; build and start devstack again");
			}
			try (InputStream in = jar.getInputStream(entry)) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + contactsJar, ex);
		}
	}

	private static void requireContactTable(Connection database) throws SQLException {
		try (Statement query = database.createStatement();
				ResultSet table = query.executeQuery("select to_regclass('contact') is not null")) {
			if (!table.next() || !table.getBoolean(1)) {
				throw new IllegalStateException("The contacts database has no contact table yet: start devstack "
						+ "(./devstack/run up) and wait until contacts-service is ready");
			}
		}
	}

	private static long teamSize(Connection database, UUID team) throws SQLException {
		try (PreparedStatement count = database.prepareStatement("select count(*) from contact where team_id = ?")) {
			count.setObject(1, team);
			try (ResultSet result = count.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

}
