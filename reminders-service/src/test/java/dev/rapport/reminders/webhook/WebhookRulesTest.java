package dev.rapport.reminders.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of a webhook that need no server: URLs, signatures, the retry schedule, pinning and header text. */
class WebhookRulesTest {

	@Test
	void urlsMustBeHttpOrHttpsToAHostWithoutCredentialsAndAtMost2048Characters() {
		assertThat(WebhookUrls.problem("https://hooks.slack.com/services/T0/B0/x")).isEmpty();
		assertThat(WebhookUrls.problem("http://ntfy.example.org:8080/my-topic?x=1")).isEmpty();
		assertThat(WebhookUrls.problem(null)).contains("is required");
		assertThat(WebhookUrls.problem(" ")).contains("is required");
		assertThat(WebhookUrls.problem("ftp://example.org/")).contains("must be an https or http URL");
		assertThat(WebhookUrls.problem("file:///etc/passwd")).contains("must be an https or http URL");
		assertThat(WebhookUrls.problem("example.org/hook")).contains("must be an https or http URL");
		assertThat(WebhookUrls.problem("https://user:pass@example.org/")).get().asString().startsWith("must not carry");
		assertThat(WebhookUrls.problem("https://user@example.org/")).get().asString().startsWith("must not carry");
		assertThat(WebhookUrls.problem("https:///path")).contains("must name a host");
		assertThat(WebhookUrls.problem("https://exa mple.org/")).get().asString().startsWith("is not a URL");
		String path = "/" + "a".repeat(WebhookUrls.MAX_LENGTH - "https://example.org/".length());
		assertThat(WebhookUrls.problem("https://example.org" + path)).isEmpty();
		assertThat(WebhookUrls.problem("https://example.org" + path + "a"))
			.contains("must be at most 2048 characters");
	}

	/** The test vector of the Standard Webhooks specification, so any of its libraries verifies what Rapport sends. */
	@Test
	void signaturesAreStandardWebhooksOnes() {
		String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
		String signature = WebhookSecret.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
				"{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
		assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void aNewSecretIsWhsecAnd32RandomBytes() throws Exception {
		String secret = WebhookSecret.generate();
		assertThat(secret).startsWith("whsec_");
		assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
		assertThat(WebhookSecret.generate()).isNotEqualTo(secret);
		// Verified as a receiver does it, with nothing of Rapport's code.
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
		String expected = "v1," + Base64.getEncoder()
			.encodeToString(mac.doFinal("id.42.body".getBytes(StandardCharsets.UTF_8)));
		assertThat(WebhookSecret.sign(secret, "id", 42, "body".getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
	}

	@Test
	void retriesBackOffExponentiallyFrom30SecondsToAnHourWithUpToATenthOfJitter() {
		assertThat(DeliveryWorker.backoff(1, 0)).isEqualTo(Duration.ofSeconds(30));
		assertThat(DeliveryWorker.backoff(2, 0)).isEqualTo(Duration.ofMinutes(1));
		assertThat(DeliveryWorker.backoff(3, 0)).isEqualTo(Duration.ofMinutes(2));
		assertThat(DeliveryWorker.backoff(7, 0)).isEqualTo(Duration.ofMinutes(32));
		assertThat(DeliveryWorker.backoff(8, 0)).isEqualTo(Duration.ofHours(1));
		assertThat(DeliveryWorker.backoff(30, 0)).isEqualTo(Duration.ofHours(1));
		assertThat(DeliveryWorker.backoff(1, 0.999)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(33));
		assertThat(DeliveryWorker.backoff(30, 0.999)).isBetween(Duration.ofHours(1), Duration.ofMinutes(66));
	}

	@Test
	void theRequestGoesToTheCheckedAddressWithPathAndQueryKept() throws Exception {
		assertThat(WebhookSender.pinned(URI.create("https://hooks.example.org/services/a%20b?token=x&y=1"),
				InetAddress.getByName("93.184.216.34")))
			.hasToString("https://93.184.216.34/services/a%20b?token=x&y=1");
		assertThat(WebhookSender.pinned(URI.create("http://example.org:8080"), InetAddress.getByName("2001:db8::1")))
			.hasToString("http://[2001:db8:0:0:0:0:0:1]:8080/");
	}

	@Test
	void headerTextOutsideAsciiIsAnEncodedWord() {
		assertThat(WebhookSender.headerText("Rapport reminder")).isEqualTo("Rapport reminder");
		assertThat(WebhookSender.headerText("Zoë")).isEqualTo("=?UTF-8?B?Wm/Dqw==?=");
	}

}
