package dev.rapport.platform.time;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * One {@link Clock} per service, injected wherever "now" matters. It is a {@link ShiftableClock} so tests move time
 * instead of sleeping; {@code rapport.clock.offset} starts it shifted, and the dev-only endpoint moves it.
 */
@AutoConfiguration
public class ClockAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(Clock.class)
	ShiftableClock clock(@Value("${rapport.clock.offset:PT0S}") Duration offset) {
		return new ShiftableClock(Clock.systemUTC(), offset);
	}

	/**
	 * A bean method here, not a nested configuration: nested classes are processed before this class's beans, so a
	 * condition on the clock bean there never matched and the endpoint silently never existed.
	 */
	@Bean
	@ConditionalOnProperty(name = "rapport.dev.clock-shift-enabled", havingValue = "true")
	ClockEndpoint clockEndpoint(ShiftableClock clock) {
		return new ClockEndpoint(clock);
	}

}
