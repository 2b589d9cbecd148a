package dev.rapport.devstack.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * How far ahead of real time the services' clocks run, kept in the data dir: {@code devstack clock} saves it and
 * {@code up} starts the services with it, so a restart does not send them back in time.
 */
public final class ClockOffset {

	private ClockOffset() {
	}

	/** The offset the services start with: what earlier {@code clock} commands left, or none. */
	public static Duration saved(DataDir dataDir) {
		Path file = dataDir.clockOffset();
		if (!Files.isRegularFile(file)) {
			return Duration.ZERO;
		}
		try {
			return Duration.parse(Files.readString(file).strip());
		}
		catch (IOException | DateTimeParseException ex) {
			return Duration.ZERO;
		}
	}

	public static void save(DataDir dataDir, Duration offset) {
		try {
			Files.createDirectories(dataDir.root());
			Files.writeString(dataDir.clockOffset(), offset.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static String describe(Duration offset) {
		if (offset.isZero()) {
			return "none";
		}
		return offset.toDays() + " days" + (offset.toHoursPart() == 0 ? "" : " " + offset.toHoursPart() + " hours")
				+ " ahead";
	}

}
