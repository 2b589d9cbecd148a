package dev.rapport.gateway.identity;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads HTTP/1.1 responses off a raw socket: for tests of what happens on one keep-alive connection. */
final class RawHttp {

	private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: (\\d+)");

	private RawHttp() {
	}

	/** Reads one response (headers, then Content-Length bytes of body) and returns its status line. */
	static String statusLine(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int next = in.read();
			if (next < 0) {
				throw new EOFException("connection closed after " + head);
			}
			head.append((char) next);
		}
		Matcher length = CONTENT_LENGTH.matcher(head);
		in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
		return head.substring(0, head.indexOf("\r\n"));
	}

}
