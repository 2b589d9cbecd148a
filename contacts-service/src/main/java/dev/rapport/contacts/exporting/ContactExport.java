package dev.rapport.contacts.exporting;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import dev.rapport.contacts.contact.Contact;
import dev.rapport.contacts.contact.ContactService;
import dev.rapport.platform.security.Caller;

/**
 * Writes the contacts a member can see to an export's response as they are read, a page of {@value #PAGE} at a time
 * (keyset pages, each its own short read: no list in memory, no transaction held while a slow client reads).
 */
@Service
class ContactExport {

	private static final Logger log = LoggerFactory.getLogger(ContactExport.class);

	static final int PAGE = 500;

	private final ContactService contacts;

	private final MeterRegistry meters;

	ContactExport(ContactService contacts, MeterRegistry meters) {
		this.contacts = contacts;
		this.meters = meters;
	}

	/** Everything {@code caller} can see (archived contacts too), or only those tagged {@code tag}. */
	void all(Caller caller, String tag, ExportFormat format, OutputStream out) throws IOException {
		int written = 0;
		try (ContactWriter writer = format.open(writerOf(out))) {
			Contact after = null;
			for (List<Contact> page = contacts.visiblePage(caller, tag, null, PAGE); !page.isEmpty();
					page = contacts.visiblePage(caller, tag, after, PAGE)) {
				for (Contact contact : page) {
					writer.write(contact);
				}
				written += page.size();
				after = page.getLast();
				writer.flush();
				if (page.size() < PAGE) {
					break;
				}
			}
		}
		count(format, written);
		log.info("Exported {} contacts as {} for {} (team {}, tag {})", written, format, caller.userId(),
				caller.teamId(), tag);
	}

	/** The contact (404 when {@code caller} cannot see it), read before the response starts. */
	Contact one(Caller caller, UUID id) {
		return contacts.get(caller, id);
	}

	void write(Contact contact, ExportFormat format, OutputStream out) throws IOException {
		try (ContactWriter writer = format.open(writerOf(out))) {
			writer.write(contact);
		}
		count(format, 1);
	}

	private void count(ExportFormat format, int contacts) {
		meters.counter("rapport.contacts.exported", "format", format.name().toLowerCase(Locale.ROOT))
			.increment(contacts);
	}

	private static BufferedWriter writerOf(OutputStream out) {
		return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
	}

}
