package dev.rapport.contacts.contact;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The contact feature's settings: the region a phone number written without a country code is read in. */
@Configuration(proxyBeanMethods = false)
class ContactConfiguration {

	@Bean
	ContactKeys contactKeys(@Value("${rapport.contacts.phone-region:US}") String phoneRegion) {
		return new ContactKeys(phoneRegion);
	}

}
