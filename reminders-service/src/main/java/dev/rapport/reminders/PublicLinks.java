package dev.rapport.reminders;

import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Addresses in the web app for what leaves the service (a digest's links, a webhook's payload): {@code
 * rapport.public-url} (RAPPORT_PUBLIC_URL, where members reach the gateway) followed by a path.
 */
@Component
public class PublicLinks {

	private final String base;

	public PublicLinks(@Value("${rapport.public-url:http://localhost:8080}") String base) {
		this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	/** {@code path} (starting with a slash) under the public address. */
	public String to(String path) {
		return base + path;
	}

	/** The contact's page in the web app. */
	public String contact(UUID contactId) {
		return to("/contacts/" + contactId);
	}

}
