package dev.rapport.reminders;

import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;

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

	/**
	 * Reads each row with {@code mapper}, keeping the id (column {@code idColumn}) of one it rejects: what a claim
	 * queries with.
	 */
	public static <T> RowMapper<ClaimedRow<T>> mapping(String idColumn, RowMapper<T> mapper) {
		return (rs, row) -> {
			UUID id = rs.getObject(idColumn, UUID.class);
			try {
				return read(id, mapper.mapRow(rs, row));
			}
			catch (RuntimeException ex) {
				return unreadable(id, ex);
			}
		};
	}

	public boolean readable() {
		return unreadable == null;
	}

}
