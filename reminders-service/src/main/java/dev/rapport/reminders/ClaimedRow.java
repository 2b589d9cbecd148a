package dev.rapport.reminders;

import java.util.UUID;

/**
 * A row the scheduler claimed: read into {@code value}, or {@code unreadable} (a stored value its mapper rejects),
 * known by its id either way, so one row that cannot be read is set aside instead of failing the claim of all.
 */
public record ClaimedRow<T>(UUID id, T value, RuntimeException unreadable) {

	public static <T> ClaimedRow<T> read(UUID id, T value) {
		return new ClaimedRow<>(id, value, null);
	}

	public static <T> ClaimedRow<T> unreadable(UUID id, RuntimeException why) {
		return new ClaimedRow<>(id, null, why);
	}

	public boolean readable() {
		return unreadable == null;
	}

}
