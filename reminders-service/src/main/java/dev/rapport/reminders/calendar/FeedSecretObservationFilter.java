package dev.rapport.reminders.calendar;

import java.util.regex.Pattern;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;

import org.springframework.stereotype.Component;

/**
 * Keeps feed secrets out of traces: a request's span carries its full URL ({@code http.url}), and a calendar feed's
 * URL is its credential. Metrics are safe already (they are tagged with the path pattern, {@code {secret}}).
 */
@Component
class FeedSecretObservationFilter implements ObservationFilter {

	private static final Pattern SECRET = Pattern.compile("(" + Pattern.quote(CalendarFeeds.PATH_PREFIX) + ")[^/?#]+");

	@Override
	public Observation.Context map(Observation.Context context) {
		for (KeyValue keyValue : context.getHighCardinalityKeyValues()) {
			String value = keyValue.getValue();
			if (value.contains(CalendarFeeds.PATH_PREFIX)) {
				context.addHighCardinalityKeyValue(
						KeyValue.of(keyValue.getKey(), SECRET.matcher(value).replaceAll("$1<secret>")));
			}
		}
		return context;
	}

}
