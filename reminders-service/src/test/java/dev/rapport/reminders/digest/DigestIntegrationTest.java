package dev.rapport.reminders.digest;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.time.ShiftableClock;
import dev.rapport.reminders.RemindersIntegrationTest;
import dev.rapport.reminders.digest.DigestSchedule.Frequency;
import dev.rapport.reminders.member.MemberDirectory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest's integration tests: reminders-service on the real broker and database as every other, plus a real
 * SMTP server in-process ({@link TestSmtp}) and the digest sender driven by the test. They share one context, and
 * start each test with no members, settings or deliveries, so a run sees only the test's own members.
 */
@RemindersIntegrationTest
@TestPropertySource(properties = { "rapport.digest.scheduler.enabled=false", "rapport.digest.smtp.host=127.0.0.1",
		"rapport.digest.link-secret=" + DigestIntegrationTest.SECRET, "rapport.public-url=https://rapport.test",
		"rapport.digest.from=Rapport <digest@rapport.test>" })
abstract class DigestIntegrationTest {

	/** base64 of 32 bytes. */
	static final String SECRET = "ZGlnZXN0LXRlc3Qtc2VjcmV0LTMyLWJ5dGVzLWxvbmchIQ==";

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("rapport.digest.smtp.port", () -> TestSmtp.PORT);
	}

	@LocalServerPort
	int port;

	@Autowired
	ShiftableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MemberDirectory directory;

	@Autowired
	DigestSender sender;

	@Autowired
	DigestSettings settings;

	ApiClient api;

	final UUID team = UUID.randomUUID();

	@BeforeEach
	void clean() {
		TestSmtp.up();
		TestSmtp.purge();
		jdbc.sql("delete from digest_delivery").update();
		jdbc.sql("delete from digest_setting").update();
		jdbc.sql("delete from member_directory").update();
		api = new ApiClient(port);
	}

	/** A member in the directory, with an address at {@code rapport.test}. */
	UUID member(String name) {
		UUID id = UUID.randomUUID();
		directory.upsert(team, id, address(id), name);
		return id;
	}

	static String address(UUID member) {
		return member + "@members.rapport.test";
	}

	/** The member's digest is due now: daily, at this hour (UTC). */
	void dueNow(UUID member) {
		settings.save(team, member, new DigestSchedule(Frequency.DAILY, DayOfWeek.MONDAY,
				clock.instant().atZone(ZoneOffset.UTC).getHour(), ZoneId.of("UTC")), clock.instant());
	}

	/** An open keep-in-touch nudge for {@code member} about a new contact named {@code name}, due today. */
	UUID nudge(UUID member, String name) {
		UUID contact = UUID.randomUUID();
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("""
				insert into relationship (contact_id, team_id, owner_id, known, display_name, visibility, contact_version,
				  contact_created_at, cadence_days, effective_cadence_days, cadence_source, state, state_changed_at,
				  updated_at)
				values (:contact, :team, :member, true, :name, 'PRIVATE', 1, :now, 14, 14, 'CONTACT', 'COOLING', :now, :now)
				""")
			.param("contact", contact)
			.param("team", team)
			.param("member", member)
			.param("name", name)
			.param("now", now)
			.update();
		return reminder(member, contact, "Reach out to " + name);
	}

	UUID reminder(UUID member, UUID contact, String title) {
		UUID id = UUID.randomUUID();
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("""
				insert into reminder (id, team_id, user_id, contact_id, kind, source_key, status, due_on, due_at, title,
				  detail, fired_at, created_at, updated_at)
				values (:id, :team, :member, :contact, 'KEEP_IN_TOUCH', :source, 'DUE', :today, :now, :title,
				  '{"state": "COOLING"}'::jsonb, :now, :now, :now)
				""")
			.param("id", id)
			.param("team", team)
			.param("member", member)
			.param("contact", contact)
			.param("source", "test:" + id)
			.param("today", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))
			.param("title", title)
			.param("now", now)
			.update();
		return id;
	}

	String status(UUID reminder) {
		return jdbc.sql("select status from reminder where id = :id").param("id", reminder).query(String.class).single();
	}

	List<DeliveryRow> deliveries(UUID member) {
		return jdbc.sql("select kind, status, attempts, error, entries, next_attempt_at from digest_delivery "
				+ "where member_id = :member order by created_at")
			.param("member", member)
			.query((rs, row) -> new DeliveryRow(rs.getString("kind"), rs.getString("status"), rs.getInt("attempts"),
					rs.getString("error"), rs.getObject("entries", Integer.class),
					rs.getTimestamp("next_attempt_at") == null ? null : rs.getTimestamp("next_attempt_at").toInstant()))
			.list();
	}

	record DeliveryRow(String kind, String status, int attempts, String error, Integer entries, Instant nextAttemptAt) {
	}

	static String text(MimeMessage message) {
		return part(message, "text/plain");
	}

	static String html(MimeMessage message) {
		return part(message, "text/html");
	}

	private static String part(MimeMessage message, String type) {
		try {
			assertThat(message.getContentType()).startsWith("multipart/alternative");
			MimeMultipart parts = (MimeMultipart) message.getContent();
			for (int i = 0; i < parts.getCount(); i++) {
				BodyPart part = parts.getBodyPart(i);
				if (part.isMimeType(type)) {
					return (String) part.getContent();
				}
			}
			throw new AssertionError("no " + type + " part");
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The links in a mail's text part that start with {@code prefix}. */
	static List<String> links(MimeMessage message, String prefix) {
		return java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(prefix) + "\\S+")
			.matcher(text(message))
			.results()
			.map(java.util.regex.MatchResult::group)
			.toList();
	}

}
