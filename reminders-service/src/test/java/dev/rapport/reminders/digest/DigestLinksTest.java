package dev.rapport.reminders.digest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.rapport.reminders.digest.DigestLinks.Action;
import dev.rapport.reminders.digest.DigestLinks.Link;

import static org.assertj.core.api.Assertions.assertThat;

/** A link is good for what it names, until it expires, and for nothing once any byte of it changes. */
class DigestLinksTest {

	static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	final DigestLinks links = new DigestLinks(KEY);

	final Instant now = Instant.parse("2026-12-03T08:00:00Z");

	final Link done = new Link(Action.DONE, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
			now.plusSeconds(3600));

	@Test
	void aSignedLinkReadsBackUntilItExpires() {
		String token = links.sign(done);
		assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
		assertThat(links.verify(token, now).valid()).isTrue();
		assertThat(links.verify(token, now).link()).isEqualTo(done);
		assertThat(links.verify(token, now.plusSeconds(3600)).expired()).isTrue();
		assertThat(links.verify(token, now.plusSeconds(3600)).valid()).isFalse();
	}

	@Test
	void aTamperedOrForeignTokenIsRefused() {
		String token = links.sign(done);
		String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
				StandardCharsets.UTF_8);
		String snooze = Base64.getUrlEncoder().withoutPadding()
			.encodeToString(payload.replace("DONE", "SNOOZE").getBytes(StandardCharsets.UTF_8));
		assertThat(links.verify(snooze + token.substring(token.indexOf('.')), now).link()).as("another action").isNull();
		// Not the last character: its low bits are base64 padding, which decoding ignores (A and B would decode alike).
		int at = token.length() - 10;
		char flipped = token.charAt(at) == 'A' ? 'B' : 'A';
		assertThat(links.verify(token.substring(0, at) + flipped + token.substring(at + 1), now).link())
			.as("another signature").isNull();
		assertThat(new DigestLinks("another key, also 32 bytes long!".getBytes(StandardCharsets.US_ASCII))
			.verify(token, now)
			.link()).as("signed with another key").isNull();
		assertThat(links.verify("nonsense", now).link()).isNull();
		assertThat(links.verify("a.b.c", now).link()).isNull();
		assertThat(links.verify("", now).link()).isNull();
		assertThat(new DigestLinks(null).verify(token, now).link()).as("no key: nothing is valid").isNull();
	}

	@Test
	void theSecretIsBase64OrHexOfAtLeastSixteenBytes() {
		assertThat(DigestLinks.key(Base64.getEncoder().encodeToString(KEY))).isEqualTo(KEY);
		assertThat(DigestLinks.key(Base64.getUrlEncoder().withoutPadding().encodeToString(KEY))).isEqualTo(KEY);
		assertThat(DigestLinks.key(HexFormat.of().formatHex(KEY))).isEqualTo(KEY);
		assertThat(DigestLinks.key("c2hvcnQ=")).as("5 bytes").isNull();
		assertThat(DigestLinks.key("not base64 at all!")).isNull();
		assertThat(DigestLinks.key(" ")).isNull();
	}

}
