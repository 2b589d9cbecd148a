package dev.rapport.reminders.digest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server in this JVM (GreenMail) on a port fixed for the JVM's life, so the digest's context is made
 * once however often a test stops the server (SMTP down) and starts it again.
 */
final class TestSmtp {

	static final int PORT = freePort();

	private static GreenMail server = start();

	private TestSmtp() {
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static GreenMail start() {
		GreenMail mail = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		mail.start();
		return mail;
	}

	static synchronized void up() {
		if (server == null) {
			server = start();
		}
	}

	static synchronized void down() {
		if (server != null) {
			server.stop();
			server = null;
		}
	}

	static synchronized void purge() {
		up();
		try {
			server.purgeEmailFromAllMailboxes();
		}
		catch (com.icegreen.greenmail.store.FolderException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Every mail received for {@code address}, oldest first. */
	static synchronized List<MimeMessage> to(String address) {
		up();
		return Arrays.stream(server.getReceivedMessages()).filter(message -> {
			try {
				Address[] to = message.getAllRecipients();
				return to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains("<" + address + ">")
						|| a.toString().equals(address));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	static synchronized int received() {
		up();
		return server.getReceivedMessages().length;
	}

}
