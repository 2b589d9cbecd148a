package dev.rapport.defaults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.StringUtils;

/**
 * Adds {@code rapport-defaults.yml} (what every Rapport application shares, servlet or reactive) behind every other
 * property source, so an application's own application.yml and the environment still win. A module with defaults of
 * its own on top (platform's, for the services) extends this with its resource's name.
 *
 * <p>It also switches the OTLP span exporter off when no endpoint is configured: Boot starts one for any endpoint
 * property that exists, an empty one included ({@code RAPPORT_OTLP_TRACES_ENDPOINT} unset or set to nothing), and the
 * application then fails to start on a URL it cannot parse.
 */
public class RapportDefaults implements EnvironmentPostProcessor {

	static final String RESOURCE = "rapport-defaults.yml";

	static final String OTLP_TRACES_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

	private final String resource;

	public RapportDefaults() {
		this(RESOURCE);
	}

	protected RapportDefaults(String resource) {
		this.resource = resource;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			for (PropertySource<?> source : new YamlPropertySourceLoader().load(resource,
					new ClassPathResource(resource))) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource, ex);
		}
		// Once, right after rapport-defaults.yml (which reads RAPPORT_OTLP_TRACES_ENDPOINT) was added.
		if (RESOURCE.equals(resource) && !StringUtils.hasText(environment.getProperty(OTLP_TRACES_ENDPOINT))) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("rapportOtlpTracesOff",
						Map.of("management.tracing.export.otlp.enabled", false)));
		}
	}

}
