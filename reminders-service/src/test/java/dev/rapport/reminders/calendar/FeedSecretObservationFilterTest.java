package dev.rapport.reminders.calendar;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A feed request's span keeps its URL without the secret; every other value, and other requests, stay as they are. */
class FeedSecretObservationFilterTest {

	@Test
	void theSecretIsLeftOutOfAFeedRequestsUrl() {
		Observation.Context feed = new Observation.Context();
		feed.addHighCardinalityKeyValue(KeyValue.of("http.url", "/feeds/calendar/" + "x".repeat(43) + ".ics"));
		feed.addHighCardinalityKeyValue(KeyValue.of("other", "kept"));
		Observation.Context api = new Observation.Context();
		api.addHighCardinalityKeyValue(KeyValue.of("http.url", "/api/reminders/calendar-feed"));

		FeedSecretObservationFilter filter = new FeedSecretObservationFilter();

		assertThat(filter.map(feed).getHighCardinalityKeyValue("http.url").getValue())
			.isEqualTo("/feeds/calendar/<secret>");
		assertThat(feed.getHighCardinalityKeyValue("other").getValue()).isEqualTo("kept");
		assertThat(filter.map(api).getHighCardinalityKeyValue("http.url").getValue())
			.isEqualTo("/api/reminders/calendar-feed");
	}

}
