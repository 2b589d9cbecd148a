package dev.rapport.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request rates the gateway allows: per signed-in caller (per personal access token when one is used, else per
 * member), and per client address for sign-in attempts, which have no caller yet.
 * @param perSecond sustained requests per second per caller
 * @param burst requests a caller may make at once after a quiet spell
 * @param loginsPerMinute sign-in attempts per minute per client address (guessing passwords is slow work)
 */
@ConfigurationProperties("rapport.gateway.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("50") int perSecond,
		@DefaultValue("100") int burst, @DefaultValue("10") int loginsPerMinute) {
}
