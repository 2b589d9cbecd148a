package dev.rapport.contacts.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text encoding of an uploaded file, told from its bytes: a byte order mark says UTF-8 or UTF-16; without one
 * the file is UTF-8 if it decodes as such, else Windows-1252 (Outlook's export) if every byte is a character there.
 * Anything else (UTF-16 without its mark, binary files) is refused rather than read as garbage.
 */
record FileEncoding(Charset charset, String name, int byteOrderMarkLength) {

	static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	static FileEncoding of(Path file) throws IOException {
		byte[] head = new byte[3];
		int read;
		try (InputStream in = Files.newInputStream(file)) {
			read = in.readNBytes(head, 0, 3);
		}
		if (read == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
			return new FileEncoding(StandardCharsets.UTF_8, "UTF-8 (BOM)", 3);
		}
		if (read >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
			return new FileEncoding(StandardCharsets.UTF_16LE, "UTF-16LE (BOM)", 2);
		}
		if (read >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
			return new FileEncoding(StandardCharsets.UTF_16BE, "UTF-16BE (BOM)", 2);
		}
		FileEncoding utf8 = new FileEncoding(StandardCharsets.UTF_8, "UTF-8", 0);
		if (utf8.decodesCleanly(file)) {
			return utf8;
		}
		FileEncoding windows1252 = new FileEncoding(WINDOWS_1252, "windows-1252", 0);
		if (windows1252.decodesCleanly(file)) {
			return windows1252;
		}
		throw ImportProblems.encoding("The file is neither UTF-8 nor Windows-1252 text");
	}

	/** A reader of the file's text, past its byte order mark. */
	Reader open(Path file) throws IOException {
		InputStream in = Files.newInputStream(file);
		in.skipNBytes(byteOrderMarkLength);
		return new InputStreamReader(in, charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT));
	}

	/**
	 * Whether the whole file decodes strictly, without a NUL (which no vCard or CSV has, and which is what UTF-16
	 * read byte by byte looks like).
	 */
	private boolean decodesCleanly(Path file) throws IOException {
		char[] buffer = new char[64 * 1024];
		try (Reader reader = open(file)) {
			for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
				for (int i = 0; i < n; i++) {
					if (buffer[i] == 0) {
						throw ImportProblems.encoding("The file has NUL characters: UTF-16 without a byte order "
								+ "mark, or not a text file at all");
					}
				}
			}
			return true;
		}
		catch (CharacterCodingException notThisOne) {
			return false;
		}
	}

}
