package dev.rapport.devstack.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mail server a laptop has none of: GreenMail's SMTP server in devstack's own JVM, where reminders-service sends
 * its digests, and a small page of everything it received ({@code GET /}: the list; {@code GET /messages}: the same as
 * JSON, each message's headers, plain-text and HTML parts, for scripts and the browser tests; {@code DELETE /messages}
 * empties it). Nothing leaves the machine; nothing is kept across a restart of devstack. Both listen on 127.0.0.1 on
 * ports the system picks at each start: the summary prints the page's address.
 */
final class MailCatcher implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final GreenMail smtp;

	private final HttpServer http;

	private MailCatcher(GreenMail smtp, HttpServer http) {
		this.smtp = smtp;
		this.http = http;
	}

	static MailCatcher start() {
		GreenMail smtp = new GreenMail(new ServerSetup(0, Ports.HOST, ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		try {
			HttpServer http = HttpServer.create(new InetSocketAddress(Ports.HOST, 0), 0);
			MailCatcher catcher = new MailCatcher(smtp, http);
			http.createContext("/", catcher::handle);
			http.start();
			return catcher;
		}
		catch (IOException ex) {
			smtp.stop();
			throw new UncheckedIOException("Could not open the received-mail page", ex);
		}
	}

	/** Where services send mail: RAPPORT_SMTP_HOST / RAPPORT_SMTP_PORT. */
	int smtpPort() {
		return smtp.getSmtp().getPort();
	}

	/** The page of received mail. */
	URI url() {
		return URI.create("http://" + Ports.HOST + ":" + http.getAddress().getPort() + "/");
	}

	@Override
	public void close() {
		http.stop(0);
		smtp.stop();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			if (path.equals("/messages") && method.equals("DELETE")) {
				smtp.purgeEmailFromAllMailboxes();
				exchange.sendResponseHeaders(204, -1);
			}
			else if (path.equals("/messages") && method.equals("GET")) {
				send(exchange, 200, "application/json", JSON.writeValueAsBytes(messages()));
			}
			else if (path.equals("/") && method.equals("GET")) {
				send(exchange, 200, "text/html; charset=utf-8", page(messages()).getBytes(StandardCharsets.UTF_8));
			}
			else {
				send(exchange, 404, "text/plain; charset=utf-8", "Not here: GET / or GET /messages\n".getBytes(StandardCharsets.UTF_8));
			}
		}
		catch (MessagingException | FolderException ex) {
			send(exchange, 500, "text/plain; charset=utf-8", ("Could not read a message: " + ex).getBytes(StandardCharsets.UTF_8));
		}
	}

	private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/** Every received message, oldest first. */
	List<Map<String, Object>> messages() throws MessagingException, IOException {
		List<Map<String, Object>> all = new ArrayList<>();
		MimeMessage[] received = smtp.getReceivedMessages();
		for (int i = 0; i < received.length; i++) {
			MimeMessage message = received[i];
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("index", i);
			json.put("messageId", message.getMessageID());
			json.put("receivedAt", message.getReceivedDate() == null ? null : message.getReceivedDate().toInstant().toString());
			json.put("from", addresses(message.getFrom()));
			json.put("to", addresses(message.getAllRecipients()));
			json.put("subject", message.getSubject());
			Map<String, String> headers = new LinkedHashMap<>();
			for (Enumeration<Header> names = message.getAllHeaders(); names.hasMoreElements();) {
				Header header = names.nextElement();
				headers.merge(header.getName(), header.getValue(), (a, b) -> a + ", " + b);
			}
			json.put("headers", headers);
			Map<String, String> parts = new LinkedHashMap<>();
			collect(message, parts);
			json.put("text", parts.get("text/plain"));
			json.put("html", parts.get("text/html"));
			all.add(json);
		}
		return all;
	}

	private static List<String> addresses(Address[] addresses) {
		return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
	}

	/** The first text/plain and text/html parts, however deep in multipart/alternative or mixed. */
	private static void collect(Part part, Map<String, String> parts) throws MessagingException, IOException {
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				collect(multipart.getBodyPart(i), parts);
			}
		}
		else if (part.isMimeType("text/plain")) {
			parts.putIfAbsent("text/plain", String.valueOf(part.getContent()));
		}
		else if (part.isMimeType("text/html")) {
			parts.putIfAbsent("text/html", String.valueOf(part.getContent()));
		}
	}

	private static String page(List<Map<String, Object>> messages) {
		StringBuilder html = new StringBuilder("""
				<!doctype html><html lang="en"><head><meta charset="utf-8"><title>devstack mail</title>
				<style>body{font:15px system-ui,sans-serif;margin:2rem;max-width:60rem}article{border-top:1px solid #ccc;
				padding:1rem 0}iframe{width:100%;height:28rem;border:1px solid #ddd}dt{font-weight:600}</style></head><body>
				<h1>Mail devstack received</h1>
				<p>Everything Rapport sent while devstack runs; nothing leaves this machine. JSON: <a href="/messages">/messages</a>.</p>
				""");
		if (messages.isEmpty()) {
			html.append("<p>No mail yet.</p>");
		}
		for (Map<String, Object> message : messages.reversed()) {
			html.append("<article><h2>").append(escape(String.valueOf(message.get("subject")))).append("</h2><dl>")
				.append("<dt>To</dt><dd>").append(escape(String.valueOf(message.get("to")))).append("</dd>")
				.append("<dt>Received</dt><dd>").append(escape(String.valueOf(message.get("receivedAt")))).append("</dd></dl>");
			Object body = message.get("html");
			if (body != null) {
				// Sandboxed: the mail's HTML is shown, never run against this page; its links open in the whole tab,
				// as a mail client opens them in the browser.
				html.append("<iframe sandbox=\"allow-top-navigation-by-user-activation\" title=\"Message ")
					.append(message.get("index")).append("\" srcdoc=\"")
					.append(escape("<base target=\"_top\">" + body)).append("\"></iframe>");
			}
			else {
				html.append("<pre>").append(escape(String.valueOf(message.get("text")))).append("</pre>");
			}
			html.append("</article>");
		}
		return html.append("</body></html>").toString();
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
