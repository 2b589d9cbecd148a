package dev.rapport.reminders.digest;

import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Date;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import dev.rapport.reminders.digest.DigestMail.Rendered;

/**
 * Sends a rendered digest: multipart/alternative (plain text, then HTML), a Message-ID that is the same on every
 * attempt of a delivery, and the RFC 8058 one-click unsubscribe headers. No SMTP server configured: {@link #enabled()}
 * is false and nothing is sent.
 */
class DigestMailer {

	private final JavaMailSenderImpl sender;

	private final String from;

	DigestMailer(JavaMailSenderImpl sender, String from) {
		this.sender = sender;
		this.from = from;
	}

	boolean enabled() {
		return sender != null;
	}

	/** The sender itself, for a test that wants to wrap it. */
	JavaMailSender sender() {
		return sender;
	}

	/** The mail for {@code mail} to {@code to}, ready for {@link JavaMailSender#send(MimeMessage)}. */
	MimeMessage message(String messageId, String to, String toName, Rendered mail, String unsubscribeUrl, Instant now) {
		Session session = sender == null ? Session.getInstance(new java.util.Properties()) : sender.getSession();
		MimeMessage message = new MimeMessage(session) {
			@Override
			protected void updateMessageID() throws MessagingException {
				setHeader("Message-ID", messageId);
			}
		};
		try {
			message.setFrom(new InternetAddress(from, true));
			message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, toName, "UTF-8"));
			message.setSubject(mail.subject(), "UTF-8");
			message.setSentDate(Date.from(now));
			message.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
			message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
			// An automatic mail: no out-of-office answers to it (RFC 3834).
			message.setHeader("Auto-Submitted", "auto-generated");
			MimeBodyPart text = new MimeBodyPart();
			text.setText(mail.text(), "UTF-8", "plain");
			MimeBodyPart html = new MimeBodyPart();
			html.setText(mail.html(), "UTF-8", "html");
			MimeMultipart alternative = new MimeMultipart("alternative");
			alternative.addBodyPart(text);
			alternative.addBodyPart(html);
			message.setContent(alternative);
			message.saveChanges();
			return message;
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			throw new MailPreparationException("Could not build the digest for " + to, ex);
		}
	}

	void send(MimeMessage message) {
		sender.send(message);
	}

}
