package dev.rapport.reminders.digest;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.rapport.platform.test.ApiClient.Response;
import dev.rapport.platform.test.TestTokens;
import dev.rapport.reminders.digest.DigestLinks.Action;
import dev.rapport.reminders.digest.DigestLinks.Link;
import dev.rapport.reminders.digest.DigestSchedule.Frequency;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The links of a real digest, used as a mail reader does: no session, no token; a GET that changes nothing, a POST
 * that does exactly what the link says for that member's reminder, and refusals that change nothing either.
 */
class DigestLinkApiTest extends DigestIntegrationTest {

	static final String BASE = "https://rapport.test";

	@Autowired
	DigestLinks links;

	@Test
	void theDoneLinkConfirmsOnGetAndCompletesOnPostOnce() throws Exception {
		UUID ada = member("Ada");
		UUID reminder = nudge(ada, "Grace <i>Hopper</i>");
		String done = linkFor(digestOf(ada), reminder, "Done: ");

		Response page = get(done);
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.header("Cache-Control")).contains("no-store");
		assertThat(page.header("Referrer-Policy")).isEqualTo("same-origin");
		assertThat(page.body()).contains("<form method=\"post\">").contains("Grace &lt;i&gt;Hopper&lt;/i&gt;")
			.doesNotContain("<i>Hopper");
		assertThat(status(reminder)).as("a GET never acts (mail scanners fetch links)").isEqualTo("DUE");

		Response clicked = post(done);
		assertThat(clicked.status()).as(clicked.toString()).isEqualTo(200);
		assertThat(clicked.body()).contains("Done");
		assertThat(status(reminder)).isEqualTo("COMPLETED");

		Response again = post(done);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body()).contains("Already completed");
		assertThat(status(reminder)).isEqualTo("COMPLETED");
	}

	@Test
	void theSnoozeLinkPutsTheReminderOffForAWeekInTheMembersZone() throws Exception {
		UUID ada = member("Ada");
		UUID reminder = nudge(ada, "Grace Hopper");
		String snooze = linkFor(digestOf(ada), reminder, "Snooze a week: ");
		ZoneId tokyo = ZoneId.of("Asia/Tokyo");
		settings.save(team, ada, new DigestSchedule(Frequency.WEEKLY, java.time.DayOfWeek.MONDAY, 8, tokyo),
				clock.instant());
		LocalDate until = clock.instant().atZone(tokyo).toLocalDate().plusDays(7);

		Response clicked = post(snooze);

		assertThat(clicked.status()).as(clicked.toString()).isEqualTo(200);
		assertThat(clicked.body()).contains("Snoozed");
		assertThat(status(reminder)).isEqualTo("PENDING");
		assertThat(jdbc.sql("select due_on from reminder where id = :id").param("id", reminder)
			.query(LocalDate.class).single()).isEqualTo(until);
		assertThat(post(snooze).body()).as("twice is once").contains("Already snoozed");
		assertThat(jdbc.sql("select due_on from reminder where id = :id").param("id", reminder)
			.query(LocalDate.class).single()).isEqualTo(until);
	}

	@Test
	void aTamperedExpiredOrMisusedLinkIsRefusedAndChangesNothing() throws Exception {
		UUID ada = member("Ada");
		UUID reminder = nudge(ada, "Grace Hopper");
		UUID teammate = member("Teammate");
		UUID theirs = nudge(teammate, "Someone else");
		MimeMessage mail = digestOf(ada);
		String done = linkFor(mail, reminder, "Done: ");

		String tampered = done.substring(0, done.length() - 1) + (done.endsWith("A") ? "B" : "A");
		assertRefused(get(tampered), 404);
		assertRefused(post(tampered), 404);
		String unsubscribe = mail.getHeader("List-Unsubscribe", null).replaceAll("[<>]", "");
		String unsubscribeToken = unsubscribe.substring(unsubscribe.lastIndexOf('/') + 1);
		assertRefused(post(BASE + "/links/reminders/" + unsubscribeToken), 404);
		String doneToken = done.substring(done.lastIndexOf('/') + 1);
		assertRefused(post(BASE + "/links/digest/unsubscribe/" + doneToken), 404);
		// Signed, but for Ada and her teammate's reminder: the link is good only for that member's own.
		String forged = BASE + "/links/reminders/" + links.sign(new Link(Action.DONE, theirs, ada, team,
				clock.instant().plus(Duration.ofDays(1))));
		assertThat(post(forged).status()).isEqualTo(404);
		assertThat(status(theirs)).isEqualTo("DUE");
		// Another team's member named in a genuine token: not who the directory says.
		String otherTeam = BASE + "/links/reminders/" + links.sign(new Link(Action.DONE, reminder, ada,
				UUID.randomUUID(), clock.instant().plus(Duration.ofDays(1))));
		assertRefused(post(otherTeam), 404);
		assertThat(status(reminder)).isEqualTo("DUE");
		assertThat(settings.find(ada)).as("not unsubscribed").isEmpty();

		clock.shift(Duration.ofDays(14));
		assertRefused(get(done), 410);
		assertRefused(post(done), 410);
		assertThat(status(reminder)).isEqualTo("DUE");
	}

	@Test
	void oneClickUnsubscribeTurnsTheDigestOff() throws Exception {
		UUID ada = member("Ada");
		nudge(ada, "Grace Hopper");
		MimeMessage mail = digestOf(ada);
		String unsubscribe = mail.getHeader("List-Unsubscribe", null).replaceAll("[<>]", "");

		Response page = get(unsubscribe);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<form method=\"post\">");
		assertThat(settings.find(ada)).as("a GET never acts").isEmpty();

		// As a mail client does it (RFC 8058): a POST with this body, no cookie, no token.
		Response oneClick = api.send("POST", path(unsubscribe), null,
				BodyPublishers.ofString("List-Unsubscribe=One-Click"),
				Map.of("Content-Type", "application/x-www-form-urlencoded"));
		assertThat(oneClick.status()).as(oneClick.toString()).isEqualTo(200);
		assertThat(oneClick.body()).contains("Unsubscribed");
		assertThat(api.get("/api/notifications/digest", TestTokens.token(ada, team)).json().get("frequency").asString())
			.isEqualTo("OFF");

		clock.shift(Duration.ofDays(8));
		assertThat(sender.runOnce().created()).as("no more digests").isZero();
		assertThat(post(unsubscribe).status()).as("twice is fine").isEqualTo(200);
	}

	/** A digest for {@code member} now, as sent, read back from the SMTP server. */
	private MimeMessage digestOf(UUID member) throws Exception {
		dueNow(member);
		assertThat(sender.runOnce().sent()).isEqualTo(1);
		List<MimeMessage> mails = TestSmtp.to(address(member));
		assertThat(mails).hasSize(1);
		TestSmtp.purge();
		// Back to no settings of their own (dueNow saved some), as most members are.
		jdbc.sql("delete from digest_setting where member_id = :m and frequency = 'DAILY' and time_zone = 'UTC'")
			.param("m", member)
			.update();
		return mails.getFirst();
	}

	/** The link after {@code label} in the entry whose Done link names {@code reminder}. */
	private String linkFor(MimeMessage mail, UUID reminder, String label) {
		List<String> found = text(mail).lines()
			.map(String::strip)
			.filter(line -> line.startsWith(label))
			.map(line -> line.substring(label.length()))
			.filter(url -> {
				String token = url.substring(url.lastIndexOf('/') + 1);
				return reminder.equals(links.verify(token, clock.instant()).link().reminderId());
			})
			.toList();
		assertThat(found).as(label + " for " + reminder).hasSize(1);
		return found.getFirst();
	}

	private static String path(String url) {
		assertThat(url).startsWith(BASE);
		return url.substring(BASE.length());
	}

	private Response get(String url) {
		return api.get(path(url), null);
	}

	private Response post(String url) {
		return api.send("POST", path(url), null, BodyPublishers.noBody(), Map.of());
	}

	private static void assertRefused(Response response, int status) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("text/html");
		assertThat(response.body()).doesNotContain("Exception").contains("link");
	}

}
