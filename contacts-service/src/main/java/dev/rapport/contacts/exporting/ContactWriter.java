package dev.rapport.contacts.exporting;

import java.io.Closeable;
import java.io.IOException;

import dev.rapport.contacts.contact.Contact;

/** Writes contacts one after another to an export's response, in one format; nothing is kept once written. */
interface ContactWriter extends Closeable {

	void write(Contact contact) throws IOException;

	void flush() throws IOException;

}
