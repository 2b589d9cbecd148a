package dev.rapport.gateway.signing;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The signing keys on start (the initial one when there is none yet), and read again now and then. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SigningConfiguration {

	/** First of the start-up work: platform tokens are signed from the first request on. */
	@Bean
	@Order(0)
	ApplicationRunner signingKeysStartup(SigningKeys keys) {
		return args -> keys.initialize();
	}

}
