package dev.rapport.gateway.calendar;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;

import org.springframework.stereotype.Component;

import dev.rapport.gateway.problem.GatewayProblems;

/**
 * Keeps calendar feed secrets out of traces: the gateway's server and upstream spans carry the full URL, and a
 * feed's URL is its credential (the calendar-feed route). Metrics are safe already: they are tagged by route, not
 * by URL.
 */
@Component
class FeedSecretObservationFilter implements ObservationFilter {

	@Override
	public Observation.Context map(Observation.Context context) {
		for (KeyValue keyValue : context.getHighCardinalityKeyValues()) {
			String redacted = GatewayProblems.loggable(keyValue.getValue());
			if (!redacted.equals(keyValue.getValue())) {
				context.addHighCardinalityKeyValue(KeyValue.of(keyValue.getKey(), redacted));
			}
		}
		return context;
	}

}
