package dev.rapport.reminders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** How the repositories of every feature pass instants to and from PostgreSQL's {@code timestamptz} columns. */
public final class Timestamps {

	private Timestamps() {
	}

	public static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	/** PostgreSQL's driver maps OffsetDateTime to timestamptz without consulting the JVM's time zone. */
	public static OffsetDateTime ts(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

}
