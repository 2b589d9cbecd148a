package dev.rapport.gateway.identity;

import java.time.Clock;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Identity's wiring: settings, the clock, and what happens on start (signing keys, the first team and admin). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ IdentityProperties.class, OidcProperties.class })
@EnableScheduling
class IdentityConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	@Order(0)
	ApplicationRunner identityStartup(SigningKeys keys, Identities identities, IdentityProperties properties) {
		return args -> {
			keys.initialize();
			identities.bootstrap(properties.bootstrap());
		};
	}

}
