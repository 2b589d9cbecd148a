package dev.rapport.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

import dev.rapport.platform.test.ServiceTestConfiguration;

/**
 * Points analytics-service under test at the test broker and token key, with a state directory of its own and an
 * application id of its own (so each test's instances form their own Kafka Streams application), and consumer
 * timeouts short enough for a test to see a group change.
 */
@TestConfiguration(proxyBeanMethods = false)
public class AnalyticsTestProperties {

	@Bean
	DynamicPropertyRegistrar analyticsTestInfrastructure() {
		String applicationId = "analytics-test-" + UUID.randomUUID();
		String stateDir = newStateDir();
		return registry -> apply(applicationId, stateDir, registry::add);
	}

	static void apply(String applicationId, String stateDir, BiConsumer<String, Supplier<Object>> properties) {
		ServiceTestConfiguration.brokerAndTokens(properties);
		properties.accept("spring.kafka.streams.application-id", () -> applicationId);
		properties.accept("spring.kafka.streams.state-dir", () -> stateDir);
		// A member that vanished without leaving is noticed within seconds (the broker allows 6 s at least).
		properties.accept("spring.kafka.streams.properties.session.timeout.ms", () -> "10000");
		properties.accept("spring.kafka.streams.properties.heartbeat.interval.ms", () -> "1000");
		properties.accept("management.server.port", () -> "0");
	}

	/** An instance of its own, outside any test context: for tests that start, stop and restart several. */
	static ConfigurableApplicationContext startInstance(String applicationId, String stateDir) {
		// As arguments: they outrank the application's and the platform's yml, as a test context's properties do.
		List<String> arguments = new ArrayList<>();
		apply(applicationId, stateDir, (name, value) -> arguments.add("--" + name + "=" + value.get()));
		arguments.add("--server.port=0");
		return new SpringApplicationBuilder(AnalyticsApplication.class).run(arguments.toArray(String[]::new));
	}

	static String newStateDir() {
		try {
			java.nio.file.Path dir = Files.createTempDirectory("analytics-state");
			dir.toFile().deleteOnExit();
			return dir.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
