package dev.rapport.devstack.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** devstack's mail catcher: what a service sends over SMTP shows on its page and as JSON, and can be emptied. */
class MailCatcherTest {

	private final MailCatcher catcher = MailCatcher.start();

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void close() {
		catcher.close();
	}

	@Test
	void showsWhatItReceivedWithBothParts() throws Exception {
		send("ada@example.com", "Your week", "Call Grace <soon>", "<p>Call <b>Grace</b></p>");

		JsonNode messages = JsonMapper.builder().build().readTree(get(URI.create("messages")).body());
		assertThat(messages).hasSize(1);
		JsonNode message = messages.get(0);
		assertThat(message.get("subject").asString()).isEqualTo("Your week");
		assertThat(message.get("to").get(0).asString()).isEqualTo("ada@example.com");
		assertThat(message.get("text").asString()).contains("Call Grace <soon>");
		assertThat(message.get("html").asString()).contains("<b>Grace</b>");
		assertThat(message.get("headers").get("List-Unsubscribe").asString()).isEqualTo("<http://x/u>");

		String page = get(URI.create("")).body();
		// The subject is on the page; the mail's HTML only inside the sandboxed frame, escaped.
		assertThat(page).contains("<h2>Your week</h2>").contains("sandbox=").doesNotContain("<b>Grace</b>");

		HttpResponse<String> emptied = http.send(HttpRequest.newBuilder(catcher.url().resolve("messages")).DELETE().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(emptied.statusCode()).isEqualTo(204);
		assertThat(get(URI.create("messages")).body()).isEqualTo("[]");
	}

	@Test
	void answersOtherPathsWith404() throws Exception {
		assertThat(get(URI.create("nothing")).statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> get(URI relative) throws Exception {
		return http.send(HttpRequest.newBuilder(catcher.url().resolve(relative)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private void send(String to, String subject, String text, String html) throws Exception {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", Ports.HOST);
		properties.put("mail.smtp.port", Integer.toString(catcher.smtpPort()));
		MimeMessage message = new MimeMessage(Session.getInstance(properties));
		message.setFrom(new InternetAddress("rapport@localhost"));
		message.setRecipients(Message.RecipientType.TO, List.of(new InternetAddress(to)).toArray(InternetAddress[]::new));
		message.setSubject(subject);
		message.setHeader("List-Unsubscribe", "<http://x/u>");
		MimeBodyPart plain = new MimeBodyPart();
		plain.setText(text, "UTF-8");
		MimeBodyPart rich = new MimeBodyPart();
		rich.setContent(html, "text/html; charset=UTF-8");
		message.setContent(new MimeMultipart("alternative", plain, rich));
		Transport.send(message);
	}

}
