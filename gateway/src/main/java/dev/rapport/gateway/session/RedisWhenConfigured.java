package dev.rapport.gateway.session;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Redis only where one is configured ({@code spring.data.redis.url}, from {@code RAPPORT_REDIS_URL}): without it,
 * Boot's Redis and Spring Session Redis auto-configurations are left out, so sessions stay in this instance's memory
 * (WebFlux's own store) and no Redis connection is ever attempted. Boot itself would configure both whenever the jars
 * are there, dialling localhost:6379. Registered in {@code META-INF/spring.factories}.
 */
public class RedisWhenConfigured implements AutoConfigurationImportFilter, EnvironmentAware {

	static final String URL = "spring.data.redis.url";

	private static final String[] REDIS_AUTO_CONFIGURATIONS = { "org.springframework.boot.data.redis.",
			"org.springframework.boot.session.data.redis." };

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean configured = StringUtils.hasText(environment.getProperty(URL));
		boolean[] match = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			match[i] = configured || !isRedis(autoConfigurationClasses[i]);
		}
		return match;
	}

	private static boolean isRedis(String autoConfiguration) {
		if (autoConfiguration == null) {
			return false;
		}
		for (String redis : REDIS_AUTO_CONFIGURATIONS) {
			if (autoConfiguration.startsWith(redis)) {
				return true;
			}
		}
		return false;
	}

}
