package dev.rapport.platform.time;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ClockAutoConfigurationTest {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		// As SpringApplication does, so @Value reads a Duration.
		.withInitializer(context -> context.getBeanFactory()
			.setConversionService(ApplicationConversionService.getSharedInstance()))
		.withConfiguration(AutoConfigurations.of(ClockAutoConfiguration.class));

	@Test
	void theDevClockEndpointExistsOnlyWhenEnabled() {
		context.run(plain -> assertThat(plain).hasSingleBean(ShiftableClock.class).doesNotHaveBean(ClockEndpoint.class));
		context.withPropertyValues("rapport.dev.clock-shift-enabled=true")
			.run(dev -> assertThat(dev).hasSingleBean(ClockEndpoint.class));
	}

	@Test
	void theEndpointMovesTheServiceClockFromItsStartingOffset() {
		context.withPropertyValues("rapport.dev.clock-shift-enabled=true", "rapport.clock.offset=P2D").run(dev -> {
			ShiftableClock clock = dev.getBean(ShiftableClock.class);
			assertThat(clock.offset()).isEqualTo(Duration.ofDays(2));

			Map<String, Object> shifted = dev.getBean(ClockEndpoint.class).shift(15, 6);

			assertThat(clock.offset()).isEqualTo(Duration.ofDays(17).plusHours(6));
			assertThat(shifted).containsEntry("offset", "PT414H");
		});
	}

}
