package dev.rapport.contacts.importing;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * An uploaded file opened for import: its format, told from its content (not its name), and its people one by one,
 * read as a stream. The vCard and CSV parsing itself is ez-vcard's and Commons CSV's.
 */
abstract class ContactFile implements Closeable {

	/** How far the format is looked for: LinkedIn's notes come before its header, a few lines at most. */
	private static final int LOOKAHEAD_CHARS = 256 * 1024;

	private static final int LOOKAHEAD_LINES = 30;

	abstract ImportFormat format();

	/** The next person in the file, or null at its end. */
	abstract ImportedPerson next() throws IOException;

	static ContactFile open(Path file, FileEncoding encoding) throws IOException {
		BufferedReader reader = new BufferedReader(encoding.open(file), 64 * 1024);
		try {
			reader.mark(LOOKAHEAD_CHARS);
			List<String> lines = new ArrayList<>();
			int chars = 0;
			for (String line = reader.readLine(); line != null && lines.size() < LOOKAHEAD_LINES
					&& chars < LOOKAHEAD_CHARS / 2; line = reader.readLine()) {
				lines.add(line.replace("\uFEFF", ""));
				chars += line.length() + 2;
			}
			Optional<String> first = lines.stream().filter(line -> !line.isBlank()).findFirst();
			if (first.isEmpty()) {
				throw ImportProblems.empty("The file has no text, only blank lines");
			}
			reader.reset();
			if (first.get().strip().toUpperCase(Locale.ROOT).startsWith("BEGIN:VCARD")) {
				return new VCardFile(reader);
			}
			for (int i = 0; i < lines.size(); i++) {
				Optional<ImportFormat> format = csvFormatOf(lines.get(i));
				if (format.isPresent()) {
					for (int skip = 0; skip < i; skip++) {
						reader.readLine();
					}
					return new CsvFile(reader, format.get());
				}
			}
			throw ImportProblems.notAnAddressBook("The file is neither a vCard nor a CSV with the header of a known "
					+ "export (it starts with \"" + abbreviate(first.get()) + "\")");
		}
		catch (IOException | RuntimeException failed) {
			reader.close();
			throw failed;
		}
	}

	/** The export a CSV header line belongs to, by its column names. */
	static Optional<ImportFormat> csvFormatOf(String line) {
		Set<String> columns = new HashSet<>();
		try {
			for (CSVRecord record : CSVFormat.DEFAULT.parse(new StringReader(line))) {
				record.forEach(column -> columns.add(column.strip()));
			}
		}
		catch (IOException | UncheckedIOException | IllegalStateException notCsv) {
			return Optional.empty();
		}
		if (columns.contains("First Name") && columns.contains("Connected On")) {
			return Optional.of(ImportFormat.LINKEDIN_CSV);
		}
		if (columns.contains("E-mail 1 - Value") || columns.contains("Phone 1 - Value")
				|| columns.contains("Given Name") || columns.contains("Organization Name")
				|| columns.contains("Organization 1 - Name")) {
			return Optional.of(ImportFormat.GOOGLE_CSV);
		}
		if (columns.contains("First Name") && (columns.contains("E-mail Address") || columns.contains("Business Phone")
				|| columns.contains("Mobile Phone"))) {
			return Optional.of(ImportFormat.OUTLOOK_CSV);
		}
		return Optional.empty();
	}

	private static String abbreviate(String line) {
		String printable = line.strip().replaceAll("\\p{Cntrl}", "?");
		return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
	}

}
