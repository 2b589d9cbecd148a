package dev.rapport.defaults;

import java.util.regex.Pattern;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;

/**
 * A calendar feed's URL ({@code /feeds/calendar/<secret>.ics}) is its only credential, so nothing that records URLs
 * may keep the secret: the gateway's logs and both the gateway's and reminders-service's traces (spans carry the full
 * URL) write it as {@code /feeds/calendar/<secret>}. Metrics are safe already: they are tagged by route or path
 * pattern, never by URL.
 */
public final class FeedSecrets {

	/** Where feeds live, at the gateway and in reminders-service alike. */
	public static final String PATH_PREFIX = "/feeds/calendar/";

	private static final Pattern SECRET = Pattern.compile("(" + Pattern.quote(PATH_PREFIX) + ")[^/?#]+");

	private FeedSecrets() {
	}

	/** {@code url} (a path or a whole URL) with a feed's secret left out; any other URL as it is; null stays null. */
	public static String redact(String url) {
		return url == null || !url.contains(PATH_PREFIX) ? url : SECRET.matcher(url).replaceAll("$1<secret>");
	}

	/** For an application's {@code ObservationFilter} bean: every high-cardinality value {@linkplain #redact redacted}. */
	public static ObservationFilter observationFilter() {
		return FeedSecrets::redacted;
	}

	private static Observation.Context redacted(Observation.Context context) {
		for (KeyValue keyValue : context.getHighCardinalityKeyValues()) {
			String redacted = redact(keyValue.getValue());
			if (!redacted.equals(keyValue.getValue())) {
				context.addHighCardinalityKeyValue(KeyValue.of(keyValue.getKey(), redacted));
			}
		}
		return context;
	}

}
