package dev.rapport.reminders.digest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import javax.net.SocketFactory;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.reminders.digest.DigestDeliveries.Claimed;
import dev.rapport.reminders.digest.DigestDeliveries.Kind;
import dev.rapport.reminders.digest.DigestSender.Prepared;
import dev.rapport.reminders.digest.DigestSender.RunResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A benchmark, not a test: its name keeps it out of {@code ./mvnw verify} and it asserts nothing about time. On the
 * real embedded PostgreSQL, with GreenMail as the SMTP server, it builds {@code rapport.benchmark.members} members
 * (default 1,000) with {@code rapport.benchmark.contacts} relationships each (default 500), every one with an open
 * keep-in-touch nudge (due dates spread from 10 days ago to 250 days ahead, so a digest lists about 33 entries), by
 * set-based SQL; then reports: what a scheduler run costs to find who is due, the time to render every member's
 * digest (the agenda read, the ranking, the mail's text and HTML and its signed links, the MIME message), and
 * separately a real run that makes, claims, renders, sends (over SMTP to GreenMail) and marks every digest. Run it with
 * <pre>
 * ./mvnw -B -ntp -o -pl reminders-service -am -Dtest=DigestBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dit.test=NONE -Dweb.npm.ci.skip -Dexec.skip=true verify
 * </pre>
 * The figures go to stdout and {@code reminders-service/target/digest-benchmark.md}.
 */
class DigestBenchmark extends DigestIntegrationTest {

	static final int MEMBERS = Integer.getInteger("rapport.benchmark.members", 1_000);

	static final int CONTACTS = Integer.getInteger("rapport.benchmark.contacts", 500);

	static final int SIDE_BY_SIDE = Math.min(200, MEMBERS);

	@Autowired
	PlatformTransactionManager transactionManager;

	final StringBuilder report = new StringBuilder();

	@Test
	void renderAndSendEveryMembersDigest() {
		line("| What (%,d members × %,d relationships and open nudges each; %d cores) | Figure |".formatted(MEMBERS, CONTACTS,
				Runtime.getRuntime().availableProcessors()));
		line("|---|---|");
		List<UUID> members = new ArrayList<>();
		long built = time(() -> members.addAll(build()));
		line("| building %,d members, %,d relationships and %,d reminders by SQL, then VACUUM ANALYZE | %.1f s |"
			.formatted(MEMBERS, (long) MEMBERS * CONTACTS, (long) MEMBERS * CONTACTS, built / 1e9));

		Instant now = clock.instant();
		long[] finding = new long[20];
		int due = 0;
		for (int i = 0; i < finding.length; i++) {
			long start = System.nanoTime();
			due = sender.due(now).size();
			finding[i] = System.nanoTime() - start;
		}
		Arrays.sort(finding);
		assertThat(due).isEqualTo(MEMBERS);
		line("| finding who is due, every minute (%,d members due; p50 of %d) | %.1f ms |".formatted(due, finding.length,
				finding[finding.length / 2] / 1e6));

		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		// Warm-up: the JIT and the pool, on a tenth of the members.
		for (UUID member : members.subList(0, Math.max(1, MEMBERS / 10))) {
			transactions.execute(status -> sender.prepare(claimed(member, now), now));
		}
		long[] each = new long[MEMBERS];
		int[] entries = new int[MEMBERS];
		long bytes = 0;
		long renderStart = System.nanoTime();
		for (int i = 0; i < MEMBERS; i++) {
			UUID member = members.get(i);
			long start = System.nanoTime();
			Prepared prepared = transactions.execute(status -> sender.prepare(claimed(member, now), now));
			each[i] = System.nanoTime() - start;
			entries[i] = prepared.mail().entries();
			bytes += prepared.mail().text().length() + prepared.mail().html().length();
		}
		long rendered = System.nanoTime() - renderStart;
		Arrays.sort(each);
		Arrays.sort(entries);
		line("| rendering all %,d digests (plan read, mail text + HTML, signed links, MIME), one thread | %.1f s, %,.0f digests/s |"
			.formatted(MEMBERS, rendered / 1e9, MEMBERS / (rendered / 1e9)));
		line("| one digest: p50 / p99 / max | %.1f ms / %.1f ms / %.1f ms |".formatted(each[MEMBERS / 2] / 1e6,
				each[(int) Math.ceil(MEMBERS * 0.99) - 1] / 1e6, each[MEMBERS - 1] / 1e6));
		line("| entries per digest: min / p50 / max; text + HTML per digest | %d / %d / %d; %,d characters |".formatted(
				entries[0], entries[MEMBERS / 2], entries[MEMBERS - 1], bytes / MEMBERS));

		// Side by side, the same rendered mails over one connection each: sockets as the JDK makes them (Nagle on),
		// then as the sender makes them (NoDelaySocketFactory).
		List<MimeMessage> sample = new ArrayList<>();
		for (UUID member : members.subList(0, SIDE_BY_SIDE)) {
			sample.add(transactions.execute(status -> sender.prepare(claimed(member, now), now)).message());
		}
		long withNagle = time(() -> sendOver(sample, SocketFactory.getDefault()));
		long withoutNagle = time(() -> sendOver(sample, new NoDelaySocketFactory()));
		line("| %,d mails over one SMTP connection: Nagle on (JDK default) / off (the sender's sockets) | %.1f s / %.1f s, %.1f× |"
			.formatted(SIDE_BY_SIDE, withNagle / 1e9, withoutNagle / 1e9, (double) withNagle / withoutNagle));
		TestSmtp.purge();

		long sendStart = System.nanoTime();
		RunResult run = sender.runOnce();
		long sent = System.nanoTime() - sendStart;
		assertThat(run.sent()).isEqualTo(MEMBERS);
		assertThat(TestSmtp.received()).isEqualTo(MEMBERS);
		line("| a real run: make %,d delivery rows, claim, render, send over SMTP to GreenMail (in this JVM), mark SENT | %.1f s, %,.0f mails/s |"
			.formatted(run.created(), sent / 1e9, MEMBERS / (sent / 1e9)));

		System.out.println("\n" + report);
		try {
			Files.writeString(Path.of("target", "digest-benchmark.md"), report);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The members, each due now (daily at this hour, UTC), each with their relationships and one nudge for each. */
	private List<UUID> build() {
		Instant now = clock.instant();
		int hour = now.atZone(ZoneOffset.UTC).getHour();
		jdbc.sql("""
				insert into member_directory (member_id, team_id, email, display_name, updated_at)
				select gen_random_uuid(), :team, 'member' || m || '@bench.rapport.test', 'Member ' || m, :now
				from generate_series(1, :members) m
				""")
			.param("team", team)
			.param("members", MEMBERS)
			.param("now", Timestamp.from(now))
			.update();
		jdbc.sql("""
				insert into digest_setting (member_id, team_id, frequency, weekday, hour, time_zone, updated_at)
				select member_id, team_id, 'DAILY', 'MONDAY', :hour, 'UTC', :now from member_directory
				""")
			.param("hour", hour)
			.param("now", Timestamp.from(now))
			.update();
		jdbc.sql("""
				insert into relationship (contact_id, team_id, owner_id, known, display_name, visibility, contact_version,
				  contact_created_at, cadence_days, effective_cadence_days, cadence_source, state, state_changed_at,
				  updated_at)
				select gen_random_uuid(), d.team_id, d.member_id, true, 'Contact ' || n || ' of ' || d.display_name,
				  'PRIVATE', n, :created, 14, 14, 'CONTACT', case when n % 3 = 0 then 'COOLING' else 'DUE' end, :created, :now
				from member_directory d, generate_series(1, :contacts) n
				""")
			.param("contacts", CONTACTS)
			.param("created", Timestamp.from(now.minus(Duration.ofDays(30))))
			.param("now", Timestamp.from(now))
			.update();
		jdbc.sql("""
				insert into reminder (id, team_id, user_id, contact_id, kind, source_key, status, due_on, due_at, title,
				  detail, created_at, updated_at)
				select gen_random_uuid(), team_id, owner_id, contact_id, 'KEEP_IN_TOUCH', 'bench:' || contact_id,
				  case when contact_version % 260 < 10 then 'DUE' else 'PENDING' end,
				  cast(:today as date) + (contact_version % 260 - 10)::int, :now, 'Reach out to ' || display_name,
				  jsonb_build_object('state', state, 'cadenceDays', 14), :now, :now
				from relationship where team_id = :team
				""")
			.param("today", LocalDate.ofInstant(now, ZoneOffset.UTC))
			.param("now", Timestamp.from(now))
			.param("team", team)
			.update();
		jdbc.sql("vacuum analyze member_directory").update();
		jdbc.sql("vacuum analyze relationship").update();
		jdbc.sql("vacuum analyze reminder").update();
		return jdbc.sql("select member_id from member_directory order by member_id").query(UUID.class).list();
	}

	private static void sendOver(List<MimeMessage> messages, SocketFactory sockets) {
		Properties properties = new Properties();
		properties.put("mail.smtp.socketFactory", sockets);
		properties.setProperty("mail.smtp.socketFactory.fallback", "false");
		try (Transport transport = Session.getInstance(properties).getTransport("smtp")) {
			transport.connect("127.0.0.1", TestSmtp.PORT, null, null);
			for (MimeMessage message : messages) {
				transport.sendMessage(message, message.getAllRecipients());
			}
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Claimed claimed(UUID member, Instant now) {
		return new Claimed(UUID.randomUUID(), team, member, Kind.DIGEST, now, now, 1, UUID.randomUUID());
	}

	private static long time(Runnable action) {
		long start = System.nanoTime();
		action.run();
		return System.nanoTime() - start;
	}

	private void line(String text) {
		report.append(text).append('\n');
		System.out.println(String.format(Locale.ROOT, "%s", text));
	}

}
