package dev.rapport.contacts.contact;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.rapport.platform.web.UploadLimit;

/**
 * The contact feature's settings: the region a phone number written without a country code is read in, and the body
 * a handoff may send (10,000 contact ids are ~390 KB of JSON, over the default 256 KB).
 */
@Configuration(proxyBeanMethods = false)
class ContactConfiguration {

	@Bean
	ContactKeys contactKeys(@Value("${rapport.contacts.phone-region:US}") String phoneRegion) {
		return new ContactKeys(phoneRegion);
	}

	@Bean
	UploadLimit handoffBodyLimit() {
		return new UploadLimit(HandoffController.PATH, HandoffController.MAX_BODY);
	}

}
