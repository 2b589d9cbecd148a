package dev.rapport.reminders.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** What a webhook URL must look like before anything resolves it: an absolute http(s) URL to a host, no credentials. */
final class WebhookUrls {

	static final int MAX_LENGTH = 2048;

	private WebhookUrls() {
	}

	/** What is wrong with {@code url}, or empty when it may be a webhook's. */
	static Optional<String> problem(String url) {
		if (url == null || url.isBlank()) {
			return Optional.of("is required");
		}
		if (url.length() > MAX_LENGTH) {
			return Optional.of("must be at most " + MAX_LENGTH + " characters");
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return Optional.of("is not a URL: " + ex.getReason());
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("https") && !scheme.equals("http")) {
			return Optional.of("must be an https or http URL");
		}
		if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
			return Optional.of("must not carry a user name or password; put a token in the path or query instead");
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			return Optional.of("must name a host");
		}
		if (uri.getRawFragment() != null) {
			return Optional.of("must not have a fragment");
		}
		return Optional.empty();
	}

}
