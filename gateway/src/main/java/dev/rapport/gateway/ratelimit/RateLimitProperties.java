package dev.rapport.gateway.ratelimit;

import java.time.Duration;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Request rates the gateway allows: per signed-in caller (per personal access token when one is used, else per
 * member), and per client address for sign-in attempts, which have no caller yet.
 * @param perSecond sustained requests per second per caller
 * @param burst requests a caller may make at once after a quiet spell
 * @param loginsPerMinute sign-in attempts per minute per client address (guessing passwords is slow work)
 * @param feedsPerMinute calendar feed fetches per minute per client address (they carry no caller, and guessing a
 * feed's secret is slow work too)
 * @param redisUrl a Redis that every gateway instance of the deployment shares ({@code redis://host:6379}); empty:
 * each instance counts in its own memory
 * @param redisTimeout how long a request waits for Redis before this instance decides on its own
 */
@ConfigurationProperties("rapport.gateway.rate-limit")
@Validated
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("50") @Positive int perSecond,
		@DefaultValue("100") @Positive int burst, @DefaultValue("10") @Positive int loginsPerMinute,
		@DefaultValue("60") @Positive int feedsPerMinute, String redisUrl,
		@DefaultValue("250ms") Duration redisTimeout) {

	boolean shared() {
		return redisUrl != null && !redisUrl.isBlank();
	}

}
