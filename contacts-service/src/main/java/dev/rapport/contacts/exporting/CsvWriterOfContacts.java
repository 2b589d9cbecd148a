package dev.rapport.contacts.exporting;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import dev.rapport.contacts.contact.Contact;
import dev.rapport.contacts.contact.ContactDraft.ImportantDate;
import dev.rapport.contacts.importing.GoogleCsvColumns;
import dev.rapport.events.ContactSnapshot.ImportantDate.Kind;

/**
 * Contacts as a Google Contacts CSV (the columns are the import's, {@link GoogleCsvColumns}), with a UTF-8 byte order
 * mark so that Excel reads it as UTF-8 too. Emails and phones get {@value #REPEATED} columns each; more than that go
 * into the last one, joined the way Google joins them. Anniversaries and custom dates are events (the first
 * {@value #REPEATED}); the tags are the labels; the id is a column of Rapport's own, for the import to recognise it.
 */
final class CsvWriterOfContacts implements ContactWriter {

	/** Columns per repeated field: a fixed header must be written before the first contact is read. */
	static final int REPEATED = 3;

	private static final List<String> HEADER = header();

	private final CSVPrinter printer;

	CsvWriterOfContacts(Writer out) {
		try {
			out.write('\uFEFF');
			this.printer = CSVFormat.DEFAULT.builder()
				.setHeader(HEADER.toArray(String[]::new))
				.setRecordSeparator("\r\n")
				.get()
				.print(out);
		}
		catch (IOException failed) {
			throw new java.io.UncheckedIOException(failed);
		}
	}

	private static List<String> header() {
		List<String> columns = new ArrayList<>(List.of(GoogleCsvColumns.NAME, GoogleCsvColumns.FIRST_NAME,
				GoogleCsvColumns.LAST_NAME, GoogleCsvColumns.ORGANIZATION, GoogleCsvColumns.TITLE,
				GoogleCsvColumns.BIRTHDAY, GoogleCsvColumns.NOTES, GoogleCsvColumns.LABELS));
		for (int i = 1; i <= REPEATED; i++) {
			columns.addAll(List.of(GoogleCsvColumns.emailLabel(i), GoogleCsvColumns.emailValue(i)));
		}
		for (int i = 1; i <= REPEATED; i++) {
			columns.addAll(List.of(GoogleCsvColumns.phoneLabel(i), GoogleCsvColumns.phoneValue(i)));
		}
		for (int i = 1; i <= REPEATED; i++) {
			columns.addAll(List.of(GoogleCsvColumns.eventLabel(i), GoogleCsvColumns.eventValue(i)));
		}
		columns.add(GoogleCsvColumns.addressCity(1));
		columns.add(GoogleCsvColumns.RAPPORT_ID);
		return List.copyOf(columns);
	}

	@Override
	public void write(Contact c) throws IOException {
		List<String> row = new ArrayList<>(HEADER.size());
		ImportantDate birthday = c.importantDates().stream().filter(d -> d.kind() == Kind.BIRTHDAY).findFirst()
			.orElse(null);
		row.addAll(Arrays.asList(c.displayName(), c.givenName(), c.familyName(), c.company(), c.title(),
				birthday == null ? null : GoogleCsvColumns.dateValue(birthday.month(), birthday.day(), birthday.year()),
				c.context(), String.join(GoogleCsvColumns.SEPARATOR, c.tags())));
		repeated(row, c.emails(), email -> email.label(), email -> email.address());
		repeated(row, c.phones(), phone -> phone.label(), phone -> phone.number());
		List<ImportantDate> events = c.importantDates().stream().filter(d -> d.kind() != Kind.BIRTHDAY).toList();
		for (int i = 0; i < REPEATED; i++) {
			ImportantDate event = i < events.size() ? events.get(i) : null;
			row.add(event == null ? null
					: event.kind() == Kind.ANNIVERSARY ? GoogleCsvColumns.ANNIVERSARY : event.label());
			row.add(event == null ? null : GoogleCsvColumns.dateValue(event.month(), event.day(), event.year()));
		}
		row.add(c.location());
		row.add(c.id().toString());
		printer.printRecord(row);
	}

	/** {@value #REPEATED} label and value pairs; what does not fit joins the last value (under its label). */
	private static <T> void repeated(List<String> row, List<T> items, Function<T, String> label,
			Function<T, String> value) {
		IntStream.range(0, REPEATED).forEach(i -> {
			if (i >= items.size()) {
				row.add(null);
				row.add(null);
			}
			else if (i < REPEATED - 1 || items.size() == REPEATED) {
				row.add(label.apply(items.get(i)));
				row.add(value.apply(items.get(i)));
			}
			else {
				row.add(label.apply(items.get(i)));
				row.add(String.join(GoogleCsvColumns.SEPARATOR, items.subList(i, items.size()).stream().map(value).toList()));
			}
		});
	}

	@Override
	public void flush() throws IOException {
		printer.flush();
	}

	@Override
	public void close() throws IOException {
		printer.close(true);
	}

}
