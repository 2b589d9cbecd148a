package dev.rapport.platform.time;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * Dev-only {@code /actuator/clock}: shows the service's time and moves it forward ({@code {"days": 15}}). Exists only
 * when {@code rapport.dev.clock-shift-enabled=true}, which devstack sets and no deployment should.
 */
@Endpoint(id = "clock")
public class ClockEndpoint {

	private final ShiftableClock clock;

	public ClockEndpoint(ShiftableClock clock) {
		this.clock = clock;
	}

	@ReadOperation
	public Map<String, Object> now() {
		return Map.of("now", clock.instant().toString(), "offset", clock.offset().toString());
	}

	@WriteOperation
	public Map<String, Object> shift(Integer days, Integer hours) {
		clock.shift(Duration.ofDays(days == null ? 0 : days).plusHours(hours == null ? 0 : hours));
		return now();
	}

}
