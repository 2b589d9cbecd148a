package dev.rapport.devstack.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection: it sends exactly the bytes it is given, so a test can
 * send what no HTTP client would (a NUL in the request line, a header without a colon, bytes that are not UTF-8).
 */
final class RawHttp {

	record Response(int status, Map<String, String> headers, String body) {

		String contentType() {
			return headers.getOrDefault("content-type", "");
		}

	}

	private RawHttp() {
	}

	/** Sends {@code head} (request line and headers, without the blank line) and {@code body}; reads to the end. */
	static Response send(URI server, String head, byte[] body) {
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
		request.writeBytes(("\r\nHost: " + server.getHost() + ":" + server.getPort() + "\r\nConnection: close\r\n"
				+ (body.length > 0 ? "Content-Length: " + body.length + "\r\n" : "") + "\r\n")
			.getBytes(StandardCharsets.ISO_8859_1));
		request.writeBytes(body);
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 5_000);
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request.toByteArray());
				out.flush();
			}
			catch (IOException ex) {
				// The server may answer and close before reading everything (a refused header): read what it said.
			}
			return parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no answer from " + server + " to " + head.lines().findFirst().orElse(""),
					ex);
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int read; (read = in.read(buffer)) >= 0;) {
				bytes.write(buffer, 0, read);
			}
		}
		catch (java.net.SocketException ex) {
			// A reset after the answer (the server closed with unread request bytes): keep what arrived.
			if (bytes.size() == 0) {
				throw ex;
			}
		}
		return bytes.toByteArray();
	}

	static Response parse(byte[] raw) {
		String text = new String(raw, StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		if (end < 0) {
			throw new IllegalStateException("not an HTTP response: " + text.substring(0, Math.min(200, text.length())));
		}
		String[] lines = text.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).strip());
			}
		}
		String body = text.substring(end + 4);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = dechunk(body);
		}
		return new Response(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1),
				StandardCharsets.UTF_8));
	}

	private static String dechunk(String body) {
		StringBuilder out = new StringBuilder();
		int at = 0;
		while (at < body.length()) {
			int lineEnd = body.indexOf("\r\n", at);
			if (lineEnd < 0) {
				break;
			}
			int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].strip(), 16);
			if (size == 0) {
				break;
			}
			out.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
			at = lineEnd + 2 + size + 2;
		}
		return out.toString();
	}

}
