package dev.rapport.gateway;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The gateway under test with its routes pointed at {@link Upstream}, a real HTTP server that records what the
 * gateway forwards, on its real identity database.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(GatewayTestDatabase.class)
public class GatewayTestConfiguration {

	@Bean(destroyMethod = "close")
	Upstream upstream() {
		return Upstream.start();
	}

	@Bean
	DynamicPropertyRegistrar recordingUpstream(Upstream upstream) {
		return registry -> {
			for (String service : new String[] { "CONTACTS_URI", "INTERACTIONS_URI", "REMINDERS_URI" }) {
				registry.add(service, upstream::uri);
			}
		};
	}

}
