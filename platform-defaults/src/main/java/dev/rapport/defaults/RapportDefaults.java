package dev.rapport.defaults;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code rapport-defaults.yml} (what every Rapport application shares, servlet or reactive) behind every other
 * property source, so an application's own application.yml and the environment still win. A module with defaults of
 * its own on top (platform's, for the services) extends this with its resource's name.
 */
public class RapportDefaults implements EnvironmentPostProcessor {

	static final String RESOURCE = "rapport-defaults.yml";

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
	}

}
