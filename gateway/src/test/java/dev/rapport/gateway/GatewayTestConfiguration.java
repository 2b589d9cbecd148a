package dev.rapport.gateway;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The gateway under test with every route pointed at one {@link UpstreamStub}, a real HTTP server that records what
 * the gateway forwards, on its real identity database.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(GatewayTestDatabase.class)
public class GatewayTestConfiguration {

	@Bean(destroyMethod = "close")
	UpstreamStub upstream() {
		return UpstreamStub.start("every-service");
	}

	@Bean
	DynamicPropertyRegistrar recordingUpstream(UpstreamStub upstream) {
		return registry -> {
			for (String service : new String[] { "CONTACTS_URI", "INTERACTIONS_URI", "REMINDERS_URI", "ANALYTICS_URI" }) {
				registry.add(service, () -> upstream.uri().toString());
			}
		};
	}

}
