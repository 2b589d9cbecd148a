package dev.rapport.platform.web;

import java.util.UUID;

/**
 * A resource changed under optimistic locking: found by its team and id, and written only over the version a caller
 * read, so that two edits never silently overwrite each other.
 */
public interface Versioned {

	UUID id();

	UUID teamId();

	long version();

}
