package dev.rapport.defaults;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A feed's secret never reaches a log line or a span; every other path and value stays as it is. */
class FeedSecretsTest {

	@Test
	void aFeedsSecretIsLeftOutOfPathsAndWholeUrlsAndOtherPathsAreKept() {
		assertThat(FeedSecrets.redact("/feeds/calendar/Zm9vYmFyLXNlY3JldA_-x.ics")).isEqualTo("/feeds/calendar/<secret>");
		assertThat(FeedSecrets.redact("http://reminders:8083/feeds/calendar/abc_-.ics?x=1"))
			.isEqualTo("http://reminders:8083/feeds/calendar/<secret>?x=1");
		assertThat(FeedSecrets.redact("/api/reminders/calendar-feed")).isEqualTo("/api/reminders/calendar-feed");
		assertThat(FeedSecrets.redact("/api/contacts/c-1")).isEqualTo("/api/contacts/c-1");
		assertThat(FeedSecrets.redact(null)).isNull();
	}

	@Test
	void aFeedRequestsSpanKeepsItsUrlWithoutTheSecret() {
		Observation.Context feed = new Observation.Context();
		feed.addHighCardinalityKeyValue(KeyValue.of("http.url", "/feeds/calendar/" + "x".repeat(43) + ".ics"));
		feed.addHighCardinalityKeyValue(KeyValue.of("other", "kept"));
		Observation.Context api = new Observation.Context();
		api.addHighCardinalityKeyValue(KeyValue.of("http.url", "/api/reminders/calendar-feed"));

		assertThat(FeedSecrets.observationFilter().map(feed).getHighCardinalityKeyValue("http.url").getValue())
			.isEqualTo("/feeds/calendar/<secret>");
		assertThat(feed.getHighCardinalityKeyValue("other").getValue()).isEqualTo("kept");
		assertThat(FeedSecrets.observationFilter().map(api).getHighCardinalityKeyValue("http.url").getValue())
			.isEqualTo("/api/reminders/calendar-feed");
	}

}
