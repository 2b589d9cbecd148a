package dev.rapport.platform.web;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * The time zone a request's "today" is in: the {@value #PARAMETER} query parameter, else the {@value #HEADER}
 * header, else UTC. A zone Java does not know is a 400 naming whichever of the two gave it.
 */
public final class RequestTimeZone {

	public static final String PARAMETER = "tz";

	public static final String HEADER = "X-Time-Zone";

	/** The default, by its region name: an answer echoing the zone says "UTC", where ZoneOffset.UTC says "Z". */
	private static final ZoneId UTC = ZoneId.of("UTC");

	private RequestTimeZone() {
	}

	/** {@code parameter} when given (not blank), else {@code header}, else UTC; 400 for one that is no zone. */
	public static ZoneId of(String parameter, String header) {
		boolean byParameter = parameter != null && !parameter.isBlank();
		String name = byParameter ? parameter : header;
		if (name == null || name.isBlank()) {
			return UTC;
		}
		try {
			return ZoneId.of(name.strip());
		}
		catch (DateTimeException ex) {
			throw ApiException.invalid(byParameter ? PARAMETER : HEADER, "must be a time zone such as Europe/Paris");
		}
	}

}
