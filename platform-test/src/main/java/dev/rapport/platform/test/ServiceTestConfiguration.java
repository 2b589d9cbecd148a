package dev.rapport.platform.test;

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
			registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
			registry.add("spring.cloud.stream.kafka.binder.brokers", TestInfrastructure::kafkaBootstrapServers);
			registry.add("rapport.security.jwt.public-key", TestTokens::publicKeyLocation);
			registry.add("rapport.security.jwt.issuer", () -> TestTokens.ISSUER);
			registry.add("rapport.security.jwt.audience", () -> TestTokens.AUDIENCE);
		};
	}

}
