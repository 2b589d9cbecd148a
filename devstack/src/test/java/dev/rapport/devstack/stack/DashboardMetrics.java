package dev.rapport.devstack.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the Grafana dashboard asks Prometheus for, and what the applications emit: the metric names in the dashboard's
 * queries, the committed list of families (emitted-metrics.txt) and the families an /actuator/prometheus page shows.
 */
final class DashboardMetrics {

	/** Series Prometheus makes itself when it scrapes, not an application. */
	static final Set<String> PROMETHEUS_OWN = Set.of("up");

	static final Path DASHBOARD = Path.of("deploy", "observability", "grafana", "dashboards", "rapport.json");

	private static final Pattern NAME = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
			"and", "or", "unless", "offset", "bool");

	/** One metric family: its name on the Prometheus page, its type, the applications that emit it. */
	record Family(String name, String type, List<String> applications, boolean firstUse) {
	}

	private DashboardMetrics() {
	}

	/** Every PromQL expression of the dashboard's panels. */
	static List<String> queries(Path repository) {
		JsonNode dashboard = JsonMapper.builder().build().readTree(repository.resolve(DASHBOARD).toFile());
		List<String> queries = new ArrayList<>();
		collectExpressions(dashboard, queries);
		return queries;
	}

	private static void collectExpressions(JsonNode node, List<String> queries) {
		if (node.isObject()) {
			JsonNode expr = node.get("expr");
			if (expr != null && expr.isString()) {
				queries.add(expr.asString());
			}
		}
		for (JsonNode child : node) {
			collectExpressions(child, queries);
		}
	}

	/** The metric names a PromQL expression selects: not its functions, labels, durations or keywords. */
	static Set<String> metricNames(String expression) {
		String bare = expression.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
			.replaceAll("\\{[^}]*}", " ")
			.replaceAll("\\[[^]]*]", " ")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
		Set<String> names = new TreeSet<>();
		Matcher matcher = NAME.matcher(bare);
		while (matcher.find()) {
			boolean function = matcher.group(2) != null;
			if (!function && !KEYWORDS.contains(matcher.group(1))) {
				names.add(matcher.group(1));
			}
		}
		return names;
	}

	/** The committed list, emitted-metrics.txt. */
	static Map<String, Family> committed() {
		try (InputStream in = DashboardMetrics.class.getResourceAsStream("/emitted-metrics.txt")) {
			Map<String, Family> families = new LinkedHashMap<>();
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] fields = line.trim().split("\\s+");
				families.put(fields[0], new Family(fields[0], fields[1], Arrays.asList(fields[2].split(",")),
						fields.length > 3 && fields[3].equals("first-use")));
			}
			return families;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The family a series belongs to, by name and type: the family itself, a summary's or histogram's {@code _sum}
	 * and {@code _count}, a histogram's {@code _bucket}.
	 */
	static Optional<String> familyOf(String series, Map<String, String> typesByFamily) {
		if (typesByFamily.containsKey(series)) {
			return Optional.of(series);
		}
		for (String suffix : List.of("_sum", "_count", "_bucket")) {
			if (series.endsWith(suffix)) {
				String family = series.substring(0, series.length() - suffix.length());
				String type = typesByFamily.get(family);
				boolean fits = suffix.equals("_bucket") ? "histogram".equals(type)
						: "summary".equals(type) || "histogram".equals(type);
				if (fits) {
					return Optional.of(family);
				}
			}
		}
		return Optional.empty();
	}

	static Map<String, String> types(Map<String, Family> families) {
		Map<String, String> types = new HashMap<>();
		families.values().forEach(family -> types.put(family.name(), family.type()));
		return types;
	}

	/** The families of an /actuator/prometheus page, by name, with their types (its {@code # TYPE} lines). */
	static Map<String, String> exposed(String page) {
		Map<String, String> types = new HashMap<>();
		for (String line : page.split("\n")) {
			if (line.startsWith("# TYPE ")) {
				String[] fields = line.split(" ");
				types.put(fields[2], fields[3]);
			}
		}
		return types;
	}

}
