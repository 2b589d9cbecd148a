package dev.rapport.gateway.cors;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which browser origins may call the API.
 *
 * @param allowedOrigins exact origins such as {@code https://app.rapport.dev}; none by default, so every
 * cross-origin browser request is refused. {@code *} is not accepted: credentials are allowed.
 * @param maxAge how long a browser may cache a preflight answer
 */
@ConfigurationProperties("rapport.gateway.cors")
public record CorsProperties(List<String> allowedOrigins, Duration maxAge) {

	public CorsProperties {
		allowedOrigins = allowedOrigins == null ? List.of()
				: allowedOrigins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList();
		if (allowedOrigins.contains("*")) {
			throw new IllegalArgumentException(
					"RAPPORT_CORS_ALLOWED_ORIGINS may not contain *: the API allows credentials, so origins must be named");
		}
	}

}
