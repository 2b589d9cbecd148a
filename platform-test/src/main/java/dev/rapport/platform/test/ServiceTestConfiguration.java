package dev.rapport.platform.test;

import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

import dev.rapport.platform.test.TestInfrastructure.TestDatabase;

/**
 * Points a service under test at the shared real infrastructure: its own fresh database, the test broker and the
 * test token key.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ServiceTestConfiguration {

	@Bean(destroyMethod = "close")
	TestDatabase testDatabase() {
		return TestInfrastructure.newDatabase();
	}

	@Bean
	DynamicPropertyRegistrar rapportTestInfrastructure(TestDatabase database) {
		return registry -> {
			registry.add("spring.datasource.url", database::jdbcUrl);
			registry.add("spring.datasource.username", () -> database.server().username());
			registry.add("spring.datasource.password", () -> database.server().password());
			brokerAndTokens(registry::add);
		};
	}

	/**
	 * The test broker and the test token key, for a service without a database too (analytics-service): what a
	 * registry, or any {@code name -> value} sink such as a {@code SpringApplicationBuilder}'s properties, is given.
	 */
	public static void brokerAndTokens(BiConsumer<String, Supplier<Object>> properties) {
		properties.accept("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
		properties.accept("spring.cloud.stream.kafka.binder.brokers", TestInfrastructure::kafkaBootstrapServers);
		properties.accept("rapport.security.jwt.public-key", TestTokens::publicKeyLocation);
		properties.accept("rapport.security.jwt.issuer", () -> TestTokens.ISSUER);
		properties.accept("rapport.security.jwt.audience", () -> TestTokens.AUDIENCE);
	}

}
