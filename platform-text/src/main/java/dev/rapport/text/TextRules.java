package dev.rapport.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What text Rapport accepts, decided once for every field of every service: any Unicode text, including tabs and
 * line breaks, except control characters (U+0000 to U+001F but tab, line feed and carriage return, and U+007F to
 * U+009F) and unpaired surrogates, which no person types, PostgreSQL refuses (NUL) or stores as garbage, and which
 * would break what the text is later shown in. Such text is refused with 400 naming the field, never stripped: the
 * client learns that what it sent is not what would be stored.
 */
public final class TextRules {

	private TextRules() {
	}

	/** Why {@code text} is not accepted, or empty when it is. */
	public static Optional<String> problem(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (isControl(c)) {
				return Optional.of("contains the control character U+%04X; only tabs and line breaks are allowed"
					.formatted((int) c));
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
					continue;
				}
				return Optional.of("contains an unpaired surrogate (not valid Unicode text)");
			}
			if (Character.isLowSurrogate(c)) {
				return Optional.of("contains an unpaired surrogate (not valid Unicode text)");
			}
		}
		return Optional.empty();
	}

	private static boolean isControl(char c) {
		return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
	}

	/**
	 * Decodes one {@code application/x-www-form-urlencoded} component ({@code +} is a space) strictly: a {@code %}
	 * not followed by two hex digits, or bytes that are not UTF-8 (an encoded surrogate among them), are refused
	 * instead of being replaced or dropped.
	 */
	public static String decodeQueryComponent(String component) throws MalformedTextException {
		if (component.indexOf('%') < 0 && component.indexOf('+') < 0) {
			return component;
		}
		ByteBuffer bytes = ByteBuffer.allocate(component.length());
		StringBuilder text = new StringBuilder(component.length());
		for (int i = 0; i < component.length(); i++) {
			char c = component.charAt(i);
			if (c == '%') {
				if (i + 2 >= component.length() || Character.digit(component.charAt(i + 1), 16) < 0
						|| Character.digit(component.charAt(i + 2), 16) < 0) {
					throw new MalformedTextException("has a '%' that is not followed by two hex digits");
				}
				bytes.put((byte) Integer.parseInt(component, i + 1, i + 3, 16));
				i += 2;
				continue;
			}
			flush(bytes, text);
			text.append(c == '+' ? ' ' : c);
		}
		flush(bytes, text);
		return text.toString();
	}

	private static void flush(ByteBuffer bytes, StringBuilder text) throws MalformedTextException {
		if (bytes.position() == 0) {
			return;
		}
		bytes.flip();
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		try {
			CharBuffer chars = decoder.decode(bytes);
			text.append(chars);
		}
		catch (CharacterCodingException ex) {
			throw new MalformedTextException("is percent-encoded but not UTF-8");
		}
		bytes.clear();
	}

	/** One part of a request that breaks the rules: the parameter (or {@code path}, {@code query}) and why. */
	public record Violation(String field, String message) {
	}

	/** The violations of a raw query string ({@code a=1&b=%C3%A9}), one per parameter at fault. */
	public static List<Violation> checkQuery(String rawQuery) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return List.of();
		}
		List<Violation> violations = new ArrayList<>();
		for (String pair : rawQuery.split("&", -1)) {
			int equals = pair.indexOf('=');
			String name;
			try {
				name = decodeQueryComponent(equals < 0 ? pair : pair.substring(0, equals));
			}
			catch (MalformedTextException ex) {
				violations.add(new Violation("query", "a parameter name " + ex.getMessage()));
				continue;
			}
			Optional<String> nameProblem = problem(name);
			if (nameProblem.isPresent()) {
				violations.add(new Violation("query", "a parameter name " + nameProblem.get()));
				continue;
			}
			if (equals >= 0) {
				try {
					problem(decodeQueryComponent(pair.substring(equals + 1)))
						.ifPresent(problem -> violations.add(new Violation(name, problem)));
				}
				catch (MalformedTextException ex) {
					violations.add(new Violation(name, ex.getMessage()));
				}
			}
		}
		return violations;
	}

	/** The violation of a raw path ({@code /api/contacts/%00}), if any. */
	public static Optional<Violation> checkPath(String rawPath) {
		if (rawPath == null) {
			return Optional.empty();
		}
		try {
			// Path segments are percent-encoded like query components, except that '+' is a plus.
			return problem(decodeQueryComponent(rawPath.replace("+", "%2B"))).map(problem -> new Violation("path",
					problem));
		}
		catch (MalformedTextException ex) {
			return Optional.of(new Violation("path", ex.getMessage()));
		}
	}

	/** Text that cannot even be decoded. */
	public static final class MalformedTextException extends Exception {

		public MalformedTextException(String message) {
			super(message, null, false, false);
		}

	}

}
