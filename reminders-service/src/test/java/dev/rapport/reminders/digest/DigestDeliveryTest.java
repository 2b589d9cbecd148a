package dev.rapport.reminders.digest;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;

import dev.rapport.events.ContactCreated;
import dev.rapport.events.ContactDeleted;
import dev.rapport.events.ContactSnapshot;
import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.events.InteractionLogged;
import dev.rapport.events.InteractionSnapshot;
import dev.rapport.events.InteractionSnapshot.FollowUp;
import dev.rapport.events.InteractionSnapshot.FollowUp.Owner;
import dev.rapport.platform.test.TopicWriter;
import dev.rapport.reminders.PublicLinks;
import dev.rapport.reminders.agenda.AgendaService;
import dev.rapport.reminders.digest.DigestSchedule.Frequency;
import dev.rapport.reminders.digest.DigestSender.RunResult;
import dev.rapport.reminders.member.MemberDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The digest going out: at the member's hour in their zone, exactly once per member and period with two senders on
 * one database, without a resend after a sender died mid-way, retried while the SMTP server is down, skipped when
 * there is nothing to say, never naming an erased contact, and escaped where a name could be markup.
 */
class DigestDeliveryTest extends DigestIntegrationTest {

	@Autowired
	DigestDeliveries deliveries;

	@Autowired
	AgendaService agenda;

	@Autowired
	PublicLinks publicLinks;

	@Autowired
	DigestLinks links;

	@Autowired
	DigestMailer mailer;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	DigestProperties properties;

	@Autowired
	MeterRegistry meters;

	@AfterEach
	void smtpBackUp() {
		TestSmtp.up();
	}

	@Test
	void aWeeklyDigestGoesAtTheMembersHourInTheirZoneAcrossADaylightSavingChange() throws Exception {
		UUID ada = member("Ada");
		nudge(ada, "Grace Hopper");
		ZoneId paris = ZoneId.of("Europe/Paris");
		settings.save(team, ada, new DigestSchedule(Frequency.WEEKLY, DayOfWeek.MONDAY, 8, paris), clock.instant());
		// The Mondays before and after Paris's next change of offset, the first at least a day ahead.
		ZoneOffsetTransition change = paris.getRules().nextTransition(clock.instant().plus(Duration.ofDays(8)));
		ZonedDateTime after = change.getInstant().atZone(paris).toLocalDate()
			.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atTime(8, 0).atZone(paris);
		ZonedDateTime before = after.minusWeeks(1);
		assertThat(before.getOffset()).isNotEqualTo(after.getOffset());

		shiftTo(before.toInstant().minusSeconds(60));
		assertThat(sender.runOnce().sent()).as("07:59 in Paris").isZero();
		shiftTo(before.toInstant());
		assertThat(sender.runOnce().sent()).as("08:00 in Paris, " + before.getOffset()).isEqualTo(1);
		assertThat(sender.runOnce().sent()).as("once").isZero();
		shiftTo(after.toInstant().minusSeconds(60));
		assertThat(sender.runOnce().sent()).isZero();
		shiftTo(after.toInstant());
		assertThat(sender.runOnce().sent()).as("08:00 in Paris, " + after.getOffset()).isEqualTo(1);

		List<MimeMessage> mails = TestSmtp.to(address(ada));
		assertThat(mails).hasSize(2);
		assertThat(sentDate(mails.get(0))).isBetween(before.toInstant(), before.toInstant().plusSeconds(10));
		assertThat(sentDate(mails.get(1))).isBetween(after.toInstant(), after.toInstant().plusSeconds(10));
		assertThat(deliveries(ada)).extracting(DeliveryRow::status).containsExactly("SENT", "SENT");
	}

	@Test
	void aMemberWhoNeverChoseGetsTheWeeklyDigestOnMondayAtEightUtc() {
		UUID ada = member("Ada");
		nudge(ada, "Grace Hopper");
		Instant monday = clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate()
			.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atTime(8, 0).toInstant(java.time.ZoneOffset.UTC);
		shiftTo(monday.minusSeconds(1));
		assertThat(sender.runOnce().created()).isZero();
		shiftTo(monday);
		assertThat(sender.runOnce().sent()).as("on by default").isEqualTo(1);
		assertThat(TestSmtp.to(address(ada))).hasSize(1);
		assertThat(settings.find(ada)).as("still no row of their own").isEmpty();
	}

	@Test
	void twoSendersOnOneDatabaseSendEachMemberOneMail() throws Exception {
		List<UUID> members = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			UUID member = member("Member " + i);
			nudge(member, "Contact of " + i);
			dueNow(member);
			members.add(member);
		}
		DigestSender other = anotherSender(mailer);
		CyclicBarrier together = new CyclicBarrier(2);
		try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
			List<CompletableFuture<RunResult>> runs = new ArrayList<>();
			for (DigestSender instance : List.of(sender, other)) {
				runs.add(CompletableFuture.supplyAsync(() -> {
					await(together);
					return instance.runOnce();
				}, threads));
			}
			List<RunResult> results = runs.stream().map(CompletableFuture::join).toList();
			assertThat(results.stream().mapToInt(RunResult::created).sum()).as("each period's row made once").isEqualTo(12);
			assertThat(results.stream().mapToInt(RunResult::sent).sum()).isEqualTo(12);
		}
		for (UUID member : members) {
			assertThat(TestSmtp.to(address(member))).as("mails to " + member).hasSize(1);
			assertThat(deliveries(member)).extracting(DeliveryRow::status).containsExactly("SENT");
		}
		assertThat(sender.runOnce().sent() + other.runOnce().sent()).as("and not again").isZero();
		assertThat(TestSmtp.received()).isEqualTo(12);
	}

	@Test
	void aSenderThatDiesMidWayLeavesTheRestToTheNextAndResendsNothingSent() throws Exception {
		List<UUID> members = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			UUID member = member("Member " + i);
			nudge(member, "Contact of " + i);
			dueNow(member);
			members.add(member);
		}
		DigestSender dying = anotherSender(new CrashingMailer(mailer, 2));
		assertThatThrownBy(dying::runOnce).isInstanceOf(Crash.class);
		assertThat(TestSmtp.received()).isEqualTo(2);

		DigestSender restarted = anotherSender(mailer);
		assertThat(restarted.runOnce().sent()).as("the dead sender's leases still run").isZero();
		clock.shift(properties.scheduler().lease());
		assertThat(restarted.runOnce().sent()).as("its leases lapsed: the four it never sent").isEqualTo(4);

		for (UUID member : members) {
			assertThat(TestSmtp.to(address(member))).as("mails to " + member).hasSize(1);
			assertThat(deliveries(member)).extracting(DeliveryRow::status).containsExactly("SENT");
		}
	}

	@Test
	void whileTheSmtpServerIsDownTheDigestFailsAndIsRetriedWithBackoff() throws Exception {
		UUID ada = member("Ada");
		nudge(ada, "Grace Hopper");
		dueNow(ada);
		double failedBefore = meters.counter("rapport.digest.deliveries", "outcome", "failed", "kind", "digest").count();
		TestSmtp.down();

		Instant firstTry = clock.instant();
		assertThat(sender.runOnce().failed()).isEqualTo(1);
		DeliveryRow failed = deliveries(ada).getFirst();
		assertThat(failed.status()).isEqualTo("FAILED");
		assertThat(failed.attempts()).isEqualTo(1);
		assertThat(failed.error()).containsIgnoringCase("connect");
		assertThat(failed.nextAttemptAt()).as("a minute later")
			.isBetween(firstTry.plus(Duration.ofMinutes(1)).minusMillis(1), clock.instant().plus(Duration.ofMinutes(1)));
		assertThat(meters.counter("rapport.digest.deliveries", "outcome", "failed", "kind", "digest").count())
			.isEqualTo(failedBefore + 1);

		clock.shift(Duration.ofSeconds(59));
		assertThat(sender.runOnce().failed()).as("not before its backoff").isZero();
		clock.shift(Duration.ofSeconds(1));
		Instant secondTry = clock.instant();
		assertThat(sender.runOnce().failed()).as("a minute later, still down").isEqualTo(1);
		DeliveryRow second = deliveries(ada).getFirst();
		assertThat(second.attempts()).isEqualTo(2);
		assertThat(second.nextAttemptAt()).as("the backoff doubles")
			.isBetween(secondTry.plus(Duration.ofMinutes(2)).minusMillis(1), clock.instant().plus(Duration.ofMinutes(2)));

		TestSmtp.up();
		clock.shift(Duration.ofMinutes(2));
		assertThat(sender.runOnce().sent()).isEqualTo(1);
		assertThat(TestSmtp.to(address(ada))).hasSize(1);
		DeliveryRow sent = deliveries(ada).getFirst();
		assertThat(sent.status()).isEqualTo("SENT");
		assertThat(sent.attempts()).isEqualTo(3);
		assertThat(sent.error()).isNull();
	}

	@Test
	void theBackoffDoublesUpToAnHourAndADayLateDigestIsGivenUp() throws Exception {
		Instant scheduled = Instant.parse("2026-12-07T08:00:00Z");
		DigestDeliveries.Claimed claimed = new DigestDeliveries.Claimed(UUID.randomUUID(), team, UUID.randomUUID(),
				DigestDeliveries.Kind.DIGEST, scheduled, scheduled, 1, UUID.randomUUID());
		assertThat(sender.retryAt(claimed, scheduled)).isEqualTo(scheduled.plus(Duration.ofMinutes(1)));
		assertThat(sender.retryAt(attempt(claimed, 4), scheduled)).isEqualTo(scheduled.plus(Duration.ofMinutes(8)));
		assertThat(sender.retryAt(attempt(claimed, 7), scheduled)).isEqualTo(scheduled.plus(Duration.ofMinutes(60)));
		assertThat(sender.retryAt(attempt(claimed, 30), scheduled)).isEqualTo(scheduled.plus(Duration.ofMinutes(60)));
		assertThat(sender.retryAt(attempt(claimed, 30), scheduled.plus(Duration.ofHours(23).plusMinutes(1))))
			.as("a day late: given up").isNull();
	}

	@Test
	void anEmptyPlanIsSkippedWithoutAMail() throws Exception {
		UUID ada = member("Ada");
		dueNow(ada);
		RunResult run = sender.runOnce();
		assertThat(run.skipped()).isEqualTo(1);
		assertThat(run.sent()).isZero();
		assertThat(TestSmtp.to(address(ada))).isEmpty();
		assertThat(deliveries(ada)).extracting(DeliveryRow::status).containsExactly("SKIPPED");
	}

	@Test
	void aMemberWithoutAnAddressOrWithTheDigestOffGetsNothing() throws Exception {
		UUID off = member("Off");
		nudge(off, "Someone");
		settings.save(team, off, new DigestSchedule(Frequency.OFF, DayOfWeek.MONDAY, 0, ZoneId.of("UTC")), clock.instant());
		UUID nowhere = UUID.randomUUID();
		directory.upsert(team, nowhere, null, "No address");
		nudge(nowhere, "Someone else");
		dueNow(nowhere);
		assertThat(sender.runOnce().created()).isZero();
		assertThat(TestSmtp.received()).isZero();
	}

	@Test
	void anErasedContactIsNotInTheNextDigest() throws Exception {
		UUID ada = member("Ada");
		dueNow(ada);
		UUID kept = UUID.randomUUID();
		UUID erased = UUID.randomUUID();
		Instant at = clock.instant();
		try (TopicWriter events = new TopicWriter()) {
			for (UUID contact : List.of(kept, erased)) {
				String name = contact.equals(kept) ? "Kept Katherine" : "Erased Edgar";
				events.send(ContactCreated.of(contact, team, ada, new ContactSnapshot(name, null, null, List.of(), List.of(),
						null, null, null, null, List.of(), List.of(), null, List.of(), null, Visibility.PRIVATE, false, 1,
						at, at), at));
			}
			awaitCount("select count(*) from relationship where contact_id in (:a, :b) and known", kept, erased, 2);
			for (UUID contact : List.of(kept, erased)) {
				events.send(InteractionLogged.of(UUID.randomUUID(), team, ada, new InteractionSnapshot(List.of(contact),
						InteractionSnapshot.Type.CALL, at.minus(Duration.ofDays(1)), "UTC", null, null, null, "A call",
						List.of(), List.of(new FollowUp(UUID.randomUUID(), "Send the notes", java.time.LocalDate.ofInstant(at,
								java.time.ZoneOffset.UTC), Owner.ME, null)), null, 1, at, at), at));
			}
			awaitCount("select count(*) from reminder where contact_id in (:a, :b) and kind = 'FOLLOW_UP'", kept, erased, 2);
			events.send(ContactDeleted.of(erased, team, ada, at));
			awaitCount("select count(*) from reminder where contact_id in (:a, :b)", kept, erased, 1);
		}

		assertThat(sender.runOnce().sent()).isEqualTo(1);
		MimeMessage mail = TestSmtp.to(address(ada)).getFirst();
		assertThat(text(mail)).contains("Kept Katherine").doesNotContain("Erased Edgar");
		assertThat(html(mail)).contains("Kept Katherine").doesNotContain("Erased Edgar");
		assertThat(text(mail)).doesNotContain(erased.toString());
	}

	@Test
	void theMailIsTextAndEscapedHtmlWithOneClickUnsubscribeAndAStableMessageId() throws Exception {
		UUID ada = member("Ada <b>Lovelace</b>");
		UUID script = nudge(ada, "<script>alert('x')</script> & \"Bob\"");
		nudge(ada, "Grace Hopper");
		dueNow(ada);

		assertThat(sender.runOnce().sent()).isEqualTo(1);

		MimeMessage mail = TestSmtp.to(address(ada)).getFirst();
		assertThat(mail.getSubject()).isEqualTo("Your week in Rapport: 2 people to reach");
		assertThat(mail.getContentType()).startsWith("multipart/alternative");
		String html = html(mail);
		assertThat(html).doesNotContain("<script>").doesNotContain("<b>Lovelace")
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Bob&quot;")
			.contains("Ada &lt;b&gt;Lovelace&lt;/b&gt;");
		assertThat(text(mail)).contains("Reach out to <script>alert('x')</script> & \"Bob\"")
			.contains("Keep in touch (cooling), today");
		String unsubscribe = mail.getHeader("List-Unsubscribe", null);
		assertThat(unsubscribe).matches("<https://rapport\\.test/links/digest/unsubscribe/[A-Za-z0-9_.-]+>");
		assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		UUID delivery = jdbc.sql("select id from digest_delivery where member_id = :m").param("m", ada)
			.query(UUID.class).single();
		assertThat(mail.getMessageID()).isEqualTo("<digest-" + delivery + "@rapport>");
		assertThat(links(mail, "https://rapport.test/links/reminders/")).as("done and snooze for each").hasSize(4);
		UUID contact = jdbc.sql("select contact_id from reminder where id = :id").param("id", script)
			.query(UUID.class).single();
		assertThat(text(mail)).contains("Open in Rapport: https://rapport.test/contacts/" + contact);
		assertThat(mail.getFrom()[0].toString()).isEqualTo("Rapport <digest@rapport.test>");
	}

	@Test
	void aMemberWhoLeavesTakesTheirSettingsAndUnsentMailWithThem() throws Exception {
		UUID ada = member("Ada");
		nudge(ada, "Grace Hopper");
		dueNow(ada);
		TestSmtp.down();
		sender.runOnce();
		assertThat(deliveries(ada)).extracting(DeliveryRow::status).containsExactly("FAILED");

		directory.remove(ada);

		assertThat(directory.find(ada)).isEmpty();
		assertThat(settings.find(ada)).isEmpty();
		assertThat(deliveries(ada)).isEmpty();
		TestSmtp.up();
		clock.shift(Duration.ofMinutes(1));
		assertThat(sender.runOnce()).isEqualTo(new RunResult(0, 0, 0, 0));
	}

	private static DigestDeliveries.Claimed attempt(DigestDeliveries.Claimed claimed, int attempts) {
		return new DigestDeliveries.Claimed(claimed.id(), claimed.teamId(), claimed.memberId(), claimed.kind(),
				claimed.periodStart(), claimed.scheduledFor(), attempts, claimed.lease());
	}

	private void awaitCount(String sql, UUID a, UUID b, int count) {
		Awaitility.await().atMost(Duration.ofSeconds(60))
			.until(() -> jdbc.sql(sql).param("a", a).param("b", b).query(Integer.class).single() == count);
	}

	/** A second instance of the sender on the same database, as another replica of the service would run. */
	private DigestSender anotherSender(DigestMailer withMailer) {
		return new DigestSender(deliveries, settings, directory, agenda, links, publicLinks, withMailer, transactions,
				clock, properties, meters);
	}

	private void shiftTo(Instant target) {
		assertThat(target).isAfterOrEqualTo(clock.instant());
		clock.shift(Duration.between(clock.instant(), target));
	}

	private Instant sentDate(MimeMessage message) {
		try {
			return message.getSentDate().toInstant();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What a process dying looks like from inside: nothing after it runs, no catch block records it. */
	static final class Crash extends Error {

		Crash() {
			super("the sender's process died");
		}

	}

	/** The real mailer, until {@code sends} mails have gone out; then the process "dies" before the next. */
	static final class CrashingMailer extends DigestMailer {

		private int sends;

		CrashingMailer(DigestMailer real, int sends) {
			super((JavaMailSenderImpl) real.sender(), "Rapport <digest@rapport.test>");
			this.sends = sends;
		}

		@Override
		void send(Connection connection, MimeMessage message) {
			if (sends-- == 0) {
				throw new Crash();
			}
			super.send(connection, message);
		}

	}

}
