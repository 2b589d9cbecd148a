package dev.rapport.platform.test;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.rapport.platform.test.TestInfrastructure.TestDatabase;

/**
 * Starts a whole service as its own application (not a cached test context), for tests that stop and restart it
 * or point it at a broker of their own: the outbox fault tests.
 */
public final class TestApps {

	private TestApps() {
	}

	public static ConfigurableApplicationContext start(Class<?> application, TestDatabase database,
			String kafkaBootstrapServers, String... extraProperties) {
		List<String> properties = new ArrayList<>(List.of("server.port=0",
				"spring.datasource.url=" + database.jdbcUrl(),
				"spring.datasource.username=" + database.server().username(),
				"spring.datasource.password=" + database.server().password(),
				"spring.kafka.bootstrap-servers=" + kafkaBootstrapServers,
				"spring.cloud.stream.kafka.binder.brokers=" + kafkaBootstrapServers,
				"rapport.security.jwt.public-key=" + TestTokens.publicKeyLocation(),
				"rapport.security.jwt.issuer=" + TestTokens.ISSUER,
				"rapport.security.jwt.audience=" + TestTokens.AUDIENCE));
		properties.addAll(List.of(extraProperties));
		// Command-line arguments outrank every configuration file, as they would for a real deployment.
		return new SpringApplicationBuilder(application).run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
	}

	public static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

}
