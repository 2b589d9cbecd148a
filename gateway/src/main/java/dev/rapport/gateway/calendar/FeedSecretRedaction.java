package dev.rapport.gateway.calendar;

import io.micrometer.observation.ObservationFilter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.rapport.defaults.FeedSecrets;

/** Keeps calendar feed secrets out of this application's traces ({@link FeedSecrets}): a feed's URL is its credential. */
@Configuration(proxyBeanMethods = false)
class FeedSecretRedaction {

	@Bean
	ObservationFilter feedSecretObservationFilter() {
		return FeedSecrets.observationFilter();
	}

}
