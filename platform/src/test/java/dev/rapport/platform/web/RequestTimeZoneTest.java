package dev.rapport.platform.web;

import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.rapport.platform.web.Problems.FieldProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The tz parameter wins over the X-Time-Zone header, UTC is the default, and a zone that is none is named. */
class RequestTimeZoneTest {

	@Test
	void theParameterWinsThenTheHeaderThenUtc() {
		assertThat(RequestTimeZone.of("Pacific/Kiritimati", "Europe/Paris")).isEqualTo(ZoneId.of("Pacific/Kiritimati"));
		assertThat(RequestTimeZone.of(null, "Europe/Paris")).isEqualTo(ZoneId.of("Europe/Paris"));
		assertThat(RequestTimeZone.of(" ", " Europe/Paris ")).isEqualTo(ZoneId.of("Europe/Paris"));
		assertThat(RequestTimeZone.of(null, null)).isEqualTo(ZoneId.of("UTC"));
		assertThat(RequestTimeZone.of("", "")).hasToString("UTC");
	}

	@Test
	void aZoneThatIsNoneIsA400NamingWhereItCameFrom() {
		assertThat(invalidField("Mars/Olympus_Mons", "Europe/Paris")).isEqualTo("tz");
		assertThat(invalidField(null, "Mars/Olympus_Mons")).isEqualTo("X-Time-Zone");
		assertThat(invalidField("", "Mars/Olympus_Mons")).isEqualTo("X-Time-Zone");
	}

	@SuppressWarnings("unchecked")
	private static String invalidField(String parameter, String header) {
		ApiException invalid = catchThrowableOfType(ApiException.class, () -> RequestTimeZone.of(parameter, header));
		assertThat(invalid.problem().getStatus()).isEqualTo(400);
		List<FieldProblem> errors = (List<FieldProblem>) invalid.problem().getProperties().get(Problems.ERRORS);
		return errors.getFirst().field();
	}

}
