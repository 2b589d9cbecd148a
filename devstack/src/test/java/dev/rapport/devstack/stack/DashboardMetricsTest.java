package dev.rapport.devstack.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.rapport.devstack.stack.DashboardMetrics.Family;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard queries only metrics the applications emit (emitted-metrics.txt, taken from their
 * /actuator/prometheus; DashboardMetricsSystemTest checks that list against a running devstack), so no panel stays
 * empty because of a misspelt or renamed meter.
 */
class DashboardMetricsTest {

	private static final Path REPOSITORY = Path.of(System.getProperty("rapport.repository", "..")).toAbsolutePath()
		.normalize();

	@Test
	void everyMetricTheDashboardQueriesIsOneTheApplicationsEmit() {
		Map<String, String> types = DashboardMetrics.types(DashboardMetrics.committed());
		Set<String> used = new TreeSet<>();
		DashboardMetrics.queries(REPOSITORY).forEach(query -> used.addAll(DashboardMetrics.metricNames(query)));

		assertThat(used).as("the dashboard's queries name metrics").hasSizeGreaterThan(10);
		assertThat(used.stream()
			.filter(name -> !DashboardMetrics.PROMETHEUS_OWN.contains(name))
			.filter(name -> DashboardMetrics.familyOf(name, types).isEmpty()))
			.as("metrics the dashboard queries that no application emits (emitted-metrics.txt)")
			.isEmpty();
	}

	/** A first-use counter is not on a fresh application's page, so its name is checked against the code instead. */
	@Test
	void everyFirstUseCounterIsCountedInTheCode() {
		Set<String> counted = countedInCode();
		for (Family family : DashboardMetrics.committed().values()) {
			if (family.firstUse()) {
				assertThat(family.type()).isEqualTo("counter");
				assertThat(counted).as("a counter of %s's code is named %s", family.applications(), family.name())
					.contains(family.name());
			}
		}
	}

	@Test
	void readsMetricNamesOutOfPromQl() {
		assertThat(DashboardMetrics.metricNames(
				"histogram_quantile(0.99, sum by (le, routeId) (rate(spring_cloud_gateway_requests_seconds_bucket"
						+ "{application=\"gateway\", status=~\"5..\"}[5m]))) / on (x) up"))
			.containsExactly("spring_cloud_gateway_requests_seconds_bucket", "up");
	}

	/** Prometheus names of the counters the applications' main code creates ("rapport.a.b-c" is rapport_a_b_c_total). */
	private static Set<String> countedInCode() {
		Pattern meter = Pattern.compile("\"(rapport\\.[a-z.-]+)\"");
		Set<String> names = new TreeSet<>();
		try (Stream<Path> files = Files.walk(REPOSITORY)) {
			files.filter(file -> file.toString().endsWith(".java") && file.toString().contains("/src/main/java/"))
				.forEach(file -> {
					Matcher matcher = meter.matcher(read(file));
					while (matcher.find()) {
						names.add(matcher.group(1).replaceAll("[.-]", "_") + "_total");
					}
				});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return names;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
