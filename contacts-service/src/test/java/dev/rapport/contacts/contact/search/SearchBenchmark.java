package dev.rapport.contacts.contact.search;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.contacts.ContactsApplication;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ApiClient.Response;
import dev.rapport.platform.test.TestApps;
import dev.rapport.platform.test.TestInfrastructure;
import dev.rapport.platform.test.TestInfrastructure.TestDatabase;
import dev.rapport.platform.test.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search latency at 100,000 contacts in one team (the worst case: every row is a candidate), over HTTP against
 * the real service and PostgreSQL, with the trigram index and then, in the same run, without it. Not part of the
 * test suite (the name does not end in Test); run it with:
 *
 * <pre>./mvnw -pl contacts-service -am test -Dtest=SearchBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Figures go to {@code contacts-service/target/benchmarks/search.md}. It asserts only that searches find what
 * they should; the timings are for reading, not for failing a build.
 */
class SearchBenchmark {

	static final int CONTACTS = Integer.getInteger("benchmark.contacts", 100_000);

	static final int ROUNDS = Integer.getInteger("benchmark.rounds", 100);

	static final Map<String, String> QUERIES = new LinkedHashMap<>();

	static {
		QUERIES.put("rare surname (q=lovelace)", "q=lovelace");
		QUERIES.put("company substring (q=engines)", "q=engines");
		QUERIES.put("email fragment (q=ada.t12)", "q=ada.t12");
		QUERIES.put("two words (q=ada london)", "q=ada%20london");
		QUERIES.put("note word (q=marathon)", "q=marathon");
		QUERIES.put("tag filter (tag=investor)", "tag=investor");
		QUERIES.put("first page, no filter", "size=20");
	}

	@Test
	void searchLatencyAt100kContacts() throws IOException {
		UUID team = UUID.randomUUID();
		String token = TestTokens.token(UUID.randomUUID(), team);
		try (TestDatabase database = TestInfrastructure.newDatabase();
				ConfigurableApplicationContext service = TestApps.start(ContactsApplication.class, database,
						TestInfrastructure.kafkaBootstrapServers(), "logging.level.root=WARN")) {
			JdbcClient jdbc = service.getBean(JdbcClient.class);
			long loadStart = System.nanoTime();
			load(jdbc, team, CONTACTS);
			double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
			ApiClient api = new ApiClient(TestApps.port(service));

			Map<String, long[]> indexed = measure(api, token);
			String plans = plans(jdbc, team);
			jdbc.sql("drop index contact_search_trgm").update();
			jdbc.sql("drop index contact_tags").update();
			jdbc.sql("analyze contact").update();
			Map<String, long[]> scanned = measure(api, token);

			String report = report(loadSeconds, indexed, scanned) + "\n" + plans;
			Path out = Path.of("target", "benchmarks", "search.md");
			Files.createDirectories(out.getParent());
			Files.writeString(out, report);
			System.out.println(report);
		}
	}

	/**
	 * Synthetic but realistic contacts, generated inside PostgreSQL so loading takes seconds, not minutes: the
	 * statement in {@code benchmark-contacts.sql}, which devstack's {@code seed-contacts} runs too.
	 */
	static void load(JdbcClient jdbc, UUID team, int count) throws IOException {
		jdbc.sql(generator()).param(team).param(UUID.randomUUID()).param(count).update();
		jdbc.sql("analyze contact").update();
	}

	/** The generator's one statement; its parameters are the team, the owner and how many. */
	static String generator() throws IOException {
		try (InputStream in = SearchBenchmark.class.getResourceAsStream("benchmark-contacts.sql")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/** The plan PostgreSQL picks for each search, so a regression shows which index stopped being used. */
	static String plans(JdbcClient jdbc, UUID team) {
		StringBuilder out = new StringBuilder("### Query plans (indexed)\n");
		Caller caller = new Caller(UUID.randomUUID(), team, java.util.Set.of());
		for (Map.Entry<String, String> query : QUERIES.entrySet()) {
			Map<String, String> parameters = new LinkedHashMap<>();
			for (String pair : query.getValue().split("&")) {
				String[] kv = pair.split("=", 2);
				parameters.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
			}
			String q = parameters.get("q");
			ContactSearch.ContactQuery contactQuery = new ContactSearch.ContactQuery(List.of(), q, parameters.get("tag"), null,
					ContactSearch.ArchiveFilter.ACTIVE, q == null ? ContactSearch.Sort.NAME : ContactSearch.Sort.RELEVANCE,
					0, 20);
			Map<String, Object> params = new java.util.HashMap<>();
			String sql = "select c.id from contact c " + ContactSearch.where(caller, contactQuery, params) + " "
					+ ContactSearch.orderBy(contactQuery, params) + " limit 20";
			out.append("\n").append(query.getKey()).append(":\n```\n");
			jdbc.sql("explain (analyze, costs off) " + sql).params(params).query(String.class).list()
				.forEach(line -> out.append(line).append('\n'));
			out.append("```\n");
		}
		return out.toString();
	}

	static Map<String, long[]> measure(ApiClient api, String token) {
		Map<String, long[]> results = new LinkedHashMap<>();
		for (Map.Entry<String, String> query : QUERIES.entrySet()) {
			String path = "/api/contacts?" + query.getValue();
			Response first = api.get(path, token);
			assertThat(first.status()).as(first.toString()).isEqualTo(200);
			assertThat(first.json().get("items").size()).as(query.getKey() + " finds contacts").isPositive();
			for (int i = 0; i < ROUNDS / 4; i++) {
				api.get(path, token);
			}
			long[] nanos = new long[ROUNDS];
			for (int i = 0; i < ROUNDS; i++) {
				long start = System.nanoTime();
				api.get(path, token);
				nanos[i] = System.nanoTime() - start;
			}
			Arrays.sort(nanos);
			results.put(query.getKey(), nanos);
		}
		return results;
	}

	static String report(double loadSeconds, Map<String, long[]> indexed, Map<String, long[]> scanned) {
		List<String> lines = new ArrayList<>();
		lines.add("## Search at %,d contacts (one team, all visible), %d requests per query over HTTP"
			.formatted(CONTACTS, ROUNDS));
		lines.add("");
		lines.add("Loaded in %.1f s. JVM %s, %d cores.".formatted(loadSeconds, System.getProperty("java.version"),
				Runtime.getRuntime().availableProcessors()));
		lines.add("");
		lines.add("| query | p50 indexed | p99 indexed | p50 without index | p99 without index | p50 ratio |");
		lines.add("|---|---|---|---|---|---|");
		for (String query : indexed.keySet()) {
			long[] with = indexed.get(query);
			long[] without = scanned.get(query);
			lines.add("| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1fx |".formatted(query, ms(p(with, 50)),
					ms(p(with, 99)), ms(p(without, 50)), ms(p(without, 99)), (double) p(without, 50) / p(with, 50)));
		}
		return String.join("\n", lines) + "\n";
	}

	static long p(long[] sorted, int percentile) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
	}

	static double ms(long nanos) {
		return nanos / 1e6;
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
