package dev.rapport.reminders.digest;

import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Date;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
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

	/** An SMTP connection for a run's mails (one handshake, and one TLS negotiation, for all of them). */
	Connection connect() {
		return new Connection();
	}

	/** Sends {@code message} over {@code connection}: what a test replaces to make a sender die mid-run. */
	void send(Connection connection, MimeMessage message) {
		connection.send(message);
	}

	/**
	 * A connection opened at the first mail and kept for the next ones; after a failure it is dropped, and the next
	 * mail opens a new one (the server may be back).
	 */
	final class Connection implements AutoCloseable {

		private Transport transport;

		private void send(MimeMessage message) {
			try {
				if (transport == null || !transport.isConnected()) {
					close();
					transport = sender.getSession().getTransport("smtp");
					transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
				}
				transport.sendMessage(message, message.getAllRecipients());
			}
			catch (MessagingException ex) {
				close();
				throw new MailSendException("Could not send the digest: " + ex.getMessage(), ex);
			}
		}

		@Override
		public void close() {
			if (transport != null) {
				try {
					transport.close();
				}
				catch (MessagingException ex) {
					// Closing a connection that failed: nothing more to do with it.
				}
				transport = null;
			}
		}

	}

}
