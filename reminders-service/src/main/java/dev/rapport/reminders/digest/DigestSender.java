package dev.rapport.reminders.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.platform.security.Caller;
import dev.rapport.reminders.PublicLinks;
import dev.rapport.reminders.agenda.AgendaService;
import dev.rapport.reminders.agenda.AgendaService.Agenda;
import dev.rapport.reminders.agenda.AgendaService.AgendaItem;
import dev.rapport.reminders.digest.DigestDeliveries.Claimed;
import dev.rapport.reminders.digest.DigestDeliveries.Due;
import dev.rapport.reminders.digest.DigestDeliveries.Kind;
import dev.rapport.reminders.digest.DigestDeliveries.Recipient;
import dev.rapport.reminders.digest.DigestDeliveries.Status;
import dev.rapport.reminders.digest.DigestLinks.Action;
import dev.rapport.reminders.digest.DigestLinks.Link;
import dev.rapport.reminders.digest.DigestMail.EntryLinks;
import dev.rapport.reminders.digest.DigestMail.Rendered;
import dev.rapport.reminders.digest.DigestSchedule.Slot;
import dev.rapport.reminders.member.MemberDirectory;
import dev.rapport.reminders.member.MemberDirectory.Entry;

/**
 * Sends the digest, exactly once per member and period however many instances run. Each run:
 * <ol>
 * <li>makes the delivery row of every member whose period's hour has come (within the catch-up window), keyed by
 * (team, member, period start) with insert-on-conflict-do-nothing: two instances making the same row make one;</li>
 * <li>claims due rows in batches with {@code FOR UPDATE SKIP LOCKED}, setting a lease: no other instance takes a row
 * while its lease runs, and rows another instance is claiming are skipped, not waited for;</li>
 * <li>for each claimed row, in one transaction per member: reads the member's plan as the agenda builds it (so a
 * contact erased in the meantime is not in it), renders it, sends it over SMTP and marks the row SENT. An empty plan
 * is SKIPPED without a mail. A failed send is FAILED with the error and tried again after an exponential backoff
 * (1 minute doubling up to an hour), until it is a day late and given up.</li>
 * </ol>
 * A restart loses nothing and resends nothing already marked SENT: a row whose sender died before marking it keeps
 * its lease until it lapses, then any instance takes it. <b>The one window that cannot be closed</b> is between the
 * SMTP server accepting a mail and the commit that marks its row SENT: a crash (or a lost database connection)
 * there sends that member's digest again once the lease lapses. SMTP has no transaction to join, so no ordering
 * avoids it (marking first and sending after would lose the mail instead). The resend carries the same Message-ID,
 * which lets mail clients and servers that deduplicate drop it.
 */
@Component
public class DigestSender implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DigestSender.class);

	private static final int ERROR_LENGTH = 500;

	private final DigestDeliveries deliveries;

	private final DigestSettings settings;

	private final MemberDirectory directory;

	private final AgendaService agenda;

	private final DigestLinks links;

	private final PublicLinks publicLinks;

	private final DigestMailer mailer;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final DigestProperties properties;

	private final MeterRegistry meters;

	private final ExecutorService now = Executors.newSingleThreadExecutor(Thread.ofPlatform()
		.name("digest-now")
		.daemon(true)
		.factory());

	DigestSender(DigestDeliveries deliveries, DigestSettings settings, MemberDirectory directory, AgendaService agenda,
			DigestLinks links, PublicLinks publicLinks, DigestMailer mailer, PlatformTransactionManager transactionManager,
			Clock clock, DigestProperties properties, MeterRegistry meters) {
		this.deliveries = deliveries;
		this.settings = settings;
		this.directory = directory;
		this.agenda = agenda;
		this.links = links;
		this.publicLinks = publicLinks;
		this.mailer = mailer;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.properties = properties;
		this.meters = meters;
	}

	/** What one run did. */
	public record RunResult(int created, int sent, int skipped, int failed) {

		RunResult plus(RunResult other) {
			return new RunResult(created + other.created, sent + other.sent, skipped + other.skipped,
					failed + other.failed);
		}

	}

	/** One pass: makes the due periods' rows, then sends every row due, batch after batch. */
	public RunResult runOnce() {
		if (!mailer.enabled()) {
			return new RunResult(0, 0, 0, 0);
		}
		Instant start = clock.instant();
		int created = transactions.execute(status -> deliveries.create(due(start), start));
		RunResult result = new RunResult(created, 0, 0, 0);
		int batch = properties.scheduler().batchSize();
		while (true) {
			List<Claimed> claimed = claim(null);
			result = result.plus(sendAll(claimed));
			if (claimed.size() < batch) {
				return result;
			}
		}
	}

	/** The periods due now for every member in the directory with an address and a digest on. */
	List<Due> due(Instant now) {
		List<Due> due = new ArrayList<>();
		for (Recipient recipient : deliveries.recipients()) {
			Slot slot = recipient.schedule().latest(now);
			if (slot != null && !now.isAfter(slot.sendAt().plus(properties.scheduler().catchUp()))) {
				due.add(new Due(recipient.teamId(), recipient.memberId(), slot.periodStart(), slot.sendAt()));
			}
		}
		return due;
	}

	/** Sends one delivery (a test mail just asked for) right after its row committed, on a thread of its own. */
	void sendSoon(UUID deliveryId) {
		now.execute(() -> {
			try {
				sendAll(claim(deliveryId));
			}
			catch (RuntimeException ex) {
				log.warn("Sending delivery {} failed; the scheduler tries it again", deliveryId, ex);
			}
		});
	}

	private List<Claimed> claim(UUID onlyId) {
		Instant at = clock.instant();
		return transactions.execute(status -> deliveries.claim(at, at.plus(properties.scheduler().lease()),
				properties.scheduler().batchSize(), onlyId));
	}

	private RunResult sendAll(List<Claimed> claimed) {
		int sent = 0;
		int skipped = 0;
		int failed = 0;
		if (claimed.isEmpty()) {
			return new RunResult(0, 0, 0, 0);
		}
		try (DigestMailer.Connection connection = mailer.connect()) {
			for (Claimed delivery : claimed) {
				switch (send(delivery, connection)) {
					case SENT -> sent++;
					case SKIPPED -> skipped++;
					default -> failed++;
				}
			}
		}
		return new RunResult(0, sent, skipped, failed);
	}

	/** One member's mail, in one transaction: render, send, mark; or, when that fails, the failed attempt. */
	Status send(Claimed delivery, DigestMailer.Connection connection) {
		Status outcome;
		try {
			outcome = transactions.execute(status -> renderAndSend(delivery, connection));
		}
		catch (RuntimeException ex) {
			Instant at = clock.instant();
			Instant retryAt = retryAt(delivery, at);
			String error = error(ex);
			log.warn("Digest delivery {} (attempt {}) failed: {}; {}", delivery.id(), delivery.attempts(), error,
					retryAt == null ? "given up" : "trying again at " + retryAt);
			try {
				transactions.executeWithoutResult(status -> deliveries.failed(delivery, error, retryAt, at));
			}
			catch (RuntimeException recording) {
				log.warn("Could not record the failure of delivery {}; its lease lapses and it is tried again",
						delivery.id(), recording);
			}
			outcome = Status.FAILED;
		}
		meters.counter("rapport.digest.deliveries", "outcome", outcome.name().toLowerCase(), "kind",
				delivery.kind().name().toLowerCase()).increment();
		return outcome;
	}

	private Status renderAndSend(Claimed delivery, DigestMailer.Connection connection) {
		Prepared prepared = prepare(delivery, clock.instant());
		if (prepared == null) {
			deliveries.close(delivery, Status.SKIPPED, 0, clock.instant());
			return Status.SKIPPED;
		}
		mailer.send(connection, prepared.message());
		if (!deliveries.close(delivery, Status.SENT, prepared.mail().entries(), clock.instant())) {
			log.warn("Digest delivery {} was sent after its lease lapsed; another sender may have sent it too",
					delivery.id());
		}
		return Status.SENT;
	}

	/** A delivery ready to send: the mail as text and as the message that goes over SMTP. */
	record Prepared(Rendered mail, MimeMessage message) {
	}

	/**
	 * The member's plan now, rendered; null when there is nothing to send: the member left (or has no address any
	 * more), or a period's plan is empty. A test mail goes even with an empty plan.
	 */
	Prepared prepare(Claimed delivery, Instant at) {
		Entry member = directory.find(delivery.memberId())
			.filter(entry -> entry.email() != null && entry.teamId().equals(delivery.teamId()))
			.orElse(null);
		if (member == null) {
			return null;
		}
		ZoneId zone = settings.find(delivery.memberId()).map(DigestSchedule::zone).orElse(ZoneId.of("UTC"));
		Agenda plan = agenda.agenda(new Caller(delivery.memberId(), delivery.teamId(), Set.of()), zone);
		List<AgendaItem> entries = DigestMail.entries(plan);
		if (entries.isEmpty() && delivery.kind() == Kind.DIGEST) {
			return null;
		}
		String unsubscribe = publicLinks.to("/links/digest/unsubscribe/" + links.sign(new Link(Action.UNSUBSCRIBE, null,
				delivery.memberId(), delivery.teamId(), at.plus(properties.unsubscribeTtl()))));
		Instant expires = at.plus(properties.linkTtl());
		Rendered mail = DigestMail.render(member.displayName(), entries, plan.date(),
				item -> new EntryLinks(
						publicLinks.to("/links/reminders/" + links.sign(new Link(Action.DONE, item.id(), delivery.memberId(),
								delivery.teamId(), expires))),
						publicLinks.to("/links/reminders/" + links.sign(new Link(Action.SNOOZE, item.id(), delivery.memberId(),
								delivery.teamId(), expires))),
						publicLinks.contact(item.contactId())),
				unsubscribe, publicLinks.to("/notifications"));
		return new Prepared(mail, mailer.message(DigestMail.messageId(delivery.id()), member.email(),
				member.displayName(), mail, unsubscribe, at));
	}

	/** 1 minute after the first failure, doubling up to an hour; null once a day late (a stale digest is no use). */
	Instant retryAt(Claimed delivery, Instant now) {
		DigestProperties.Scheduler scheduler = properties.scheduler();
		Duration wait = scheduler.retryBackoff().multipliedBy(1L << Math.min(Math.max(delivery.attempts() - 1, 0), 20));
		if (wait.compareTo(scheduler.retryBackoffMax()) > 0) {
			wait = scheduler.retryBackoffMax();
		}
		Instant retry = now.plus(wait);
		return retry.isAfter(delivery.scheduledFor().plus(scheduler.retryFor())) ? null : retry;
	}

	private static String error(Throwable ex) {
		StringBuilder text = new StringBuilder(ex.getClass().getSimpleName() + ": " + ex.getMessage());
		for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
			text.append("; ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
		}
		return text.length() > ERROR_LENGTH ? text.substring(0, ERROR_LENGTH) : text.toString();
	}

	@Override
	public void destroy() {
		now.shutdownNow();
	}

	/** Runs the sender every minute unless {@code rapport.digest.scheduler.enabled=false} (tests drive it). */
	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@ConditionalOnProperty(name = "rapport.digest.scheduler.enabled", havingValue = "true", matchIfMissing = true)
	static class Periodic {

		private final DigestSender sender;

		Periodic(DigestSender sender) {
			this.sender = sender;
		}

		@Scheduled(fixedDelayString = "${rapport.digest.scheduler.interval:1m}",
				initialDelayString = "${rapport.digest.scheduler.interval:1m}")
		void run() {
			try {
				RunResult result = sender.runOnce();
				if (result.sent() + result.failed() > 0) {
					log.info("Digest run: {} sent, {} skipped, {} failed", result.sent(), result.skipped(), result.failed());
				}
			}
			catch (RuntimeException ex) {
				log.warn("Digest run failed; what was due stays due for the next run", ex);
			}
		}

	}

}
