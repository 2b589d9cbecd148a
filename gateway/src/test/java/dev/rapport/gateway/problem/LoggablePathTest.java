package dev.rapport.gateway.problem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A calendar feed's path is its credential: the gateway's logs name it without the secret, and other paths whole. */
class LoggablePathTest {

	@Test
	void aFeedsSecretIsLeftOutOfLogsAndOtherPathsAreKept() {
		assertThat(GatewayProblems.loggable("/feeds/calendar/Zm9vYmFyLXNlY3JldA_-x.ics"))
			.isEqualTo("/feeds/calendar/<secret>");
		assertThat(GatewayProblems.loggable("http://reminders:8083/feeds/calendar/abc_-.ics?x=1"))
			.isEqualTo("http://reminders:8083/feeds/calendar/<secret>?x=1");
		assertThat(GatewayProblems.loggable("/api/reminders/calendar-feed")).isEqualTo("/api/reminders/calendar-feed");
		assertThat(GatewayProblems.loggable("/api/contacts/c-1")).isEqualTo("/api/contacts/c-1");
		assertThat(GatewayProblems.loggable(null)).isNull();
	}

}
