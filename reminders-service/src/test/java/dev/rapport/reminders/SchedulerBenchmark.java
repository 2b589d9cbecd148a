package dev.rapport.reminders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestTokens;
import dev.rapport.platform.time.ShiftableClock;
import dev.rapport.reminders.relationship.DueScheduler;
import dev.rapport.reminders.relationship.DueScheduler.RunResult;

import static dev.rapport.reminders.Timestamps.ts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A benchmark, not a test: its name keeps it out of {@code ./mvnw verify} and it asserts nothing about time. On the
 * real embedded PostgreSQL and broker it builds one team of {@code rapport.benchmark.relationships} relationships
 * (default 20,000; the README's figures are for 1,000,000) by SQL, one member owning a tenth of them, and reports:
 * the cost of a run with nothing due; a run with 1 % and then 10 % falling due at once (each WARM -> DUE: a
 * RelationshipCooling and its RelationshipTransition in the outbox, a keep-in-touch nudge opened and fired, its
 * ReminderDue in the outbox), then another 10 % shared by two schedulers at once and another 10 % with one, as
 * evaluations per second, CPU per evaluation and time to drain, then the time until the outbox relay has every event
 * acknowledged by the broker; and p50/p99 of {@code GET /api/relationships?state=COOLING} and of the agenda for the
 * member. Run it with
 * <pre>
 * ./mvnw -B -ntp -o -pl reminders-service -am -Dtest=SchedulerBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dit.test=NONE -Dweb.npm.ci.skip -Dexec.skip=true -Drapport.benchmark.relationships=1000000 verify
 * </pre>
 * The figures go to stdout and {@code reminders-service/target/scheduler-benchmark.md}.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = { "rapport.reminders.scheduler.enabled=false",
		"spring.cloud.stream.bindings.contactEvents-in-0.group=reminders-benchmark-${random.uuid}",
		"spring.cloud.stream.bindings.interactionEvents-in-0.group=reminders-benchmark-${random.uuid}" })
class SchedulerBenchmark {

	static final int RELATIONSHIPS = Integer.getInteger("rapport.benchmark.relationships", 20_000);

	static final int MEMBERS = 10;

	static final int READS = Integer.getInteger("rapport.benchmark.reads", 200);

	@DynamicPropertySource
	static void batchSize(DynamicPropertyRegistry registry) {
		String batchSize = System.getProperty("rapport.benchmark.batch-size");
		if (batchSize != null) {
			registry.add("rapport.reminders.scheduler.batch-size", () -> batchSize);
		}
	}

	@Autowired
	DueScheduler scheduler;

	@Autowired
	ShiftableClock clock;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	final UUID team = UUID.randomUUID();

	final List<UUID> members = new ArrayList<>();

	final StringBuilder report = new StringBuilder();

	@Test
	void scheduleAndReadAtScale() {
		for (int i = 0; i < MEMBERS; i++) {
			members.add(UUID.randomUUID());
		}
		line("| What (%,d relationships, one team, %d members; member 0 owns %,d; %d cores) | Figure |"
			.formatted(RELATIONSHIPS, MEMBERS, RELATIONSHIPS / MEMBERS, Runtime.getRuntime().availableProcessors()));
		line("|---|---|");
		long built = time(this::build);
		line("| building the rows by SQL, then VACUUM ANALYZE | %.1f s |".formatted(built / 1e9));

		long[] idle = new long[50];
		for (int i = 0; i < idle.length; i++) {
			idle[i] = time(scheduler::runOnce);
		}
		Arrays.sort(idle);
		line("| a run with nothing due (p50 / max of %d) | %.2f ms / %.2f ms |".formatted(idle.length, idle[idle.length / 2] / 1e6,
				idle[idle.length - 1] / 1e6));

		burst("1 %", "contact_version % 100 = 0", 1);
		burst("10 %", "contact_version % 10 = 1", 1);
		burst("10 % more, two schedulers at once", "contact_version % 10 = 2", 2);
		// The same once more with one scheduler: the JIT is warm by now, as it is for the two above.
		burst("10 % more, one scheduler again", "contact_version % 10 = 4", 1);

		String token = TestTokens.token(members.getFirst(), team);
		ApiClient api = new ApiClient(port);
		assertThat(api.get("/api/relationships?state=COOLING", token).status()).isEqualTo(200);
		reads("GET /api/relationships?state=COOLING (first page of %,d)".formatted(
				api.get("/api/relationships?state=COOLING", token).json().get("totalItems").asLong()),
				() -> api.get("/api/relationships?state=COOLING", token).status());
		reads("GET /api/relationships?state=COOLING&page=50", () -> api.get("/api/relationships?state=COOLING&page=50",
				token).status());
		long open = jdbc.sql("select count(*) from reminder where user_id = :user and status in ('PENDING', 'DUE')")
			.param("user", members.getFirst())
			.query(Long.class)
			.single();
		reads("GET /api/reminders, the agenda (member 0 has %,d open reminders)".formatted(open),
				() -> api.get("/api/reminders", token).status());

		System.out.println("\n" + report);
		try {
			Files.writeString(Path.of("target", "scheduler-benchmark.md"), report);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The team's relationships, all on a 14-day cadence with their next evaluation a day or more ahead: 5 % COOLING,
	 * the rest WARM; one in five private to its owner. {@code contact_version} numbers them, to pick the due ones.
	 */
	private void build() {
		Instant now = clock.instant();
		int chunk = 100_000;
		for (int from = 0; from < RELATIONSHIPS; from += chunk) {
			jdbc.sql("""
					insert into relationship (contact_id, team_id, owner_id, known, display_name, visibility,
					  contact_version, contact_created_at, cadence_days, effective_cadence_days, cadence_source, state,
					  state_changed_at, next_evaluation_at, updated_at)
					select gen_random_uuid(), :team, (string_to_array(:members, ',')::uuid[])[n % 10 + 1], true, 'Contact ' || n,
					  case when n % 5 = 4 then 'PRIVATE' else 'TEAM' end, n, :created, 14, 14, 'CONTACT',
					  case when n % 20 = 3 then 'COOLING' else 'WARM' end, :created,
					  cast(:next as timestamptz) + (n % 1440) * interval '1 minute', :created
					from generate_series(:from, :to) n
					""")
				.param("team", team)
				.param("members", String.join(",", members.stream().map(UUID::toString).toList()))
				.param("created", ts(now.minus(Duration.ofDays(3))))
				.param("next", ts(now.plus(Duration.ofDays(1))))
				.param("from", from)
				.param("to", Math.min(from + chunk, RELATIONSHIPS) - 1)
				.update();
		}
		jdbc.sql("vacuum analyze relationship").update();
		assertThat(jdbc.sql("select count(*) from relationship where team_id = :team and owner_id = :member")
			.param("team", team)
			.param("member", members.getFirst())
			.query(Long.class)
			.single()).as("member 0 owns a tenth").isEqualTo(RELATIONSHIPS / MEMBERS);
	}

	/**
	 * The rows matching {@code which} fall due at once, as on a Monday morning; one run takes them all, or runs of
	 * {@code schedulers} at once share them (SKIP LOCKED, as instances of a deployment do), each row evaluated once.
	 */
	private void burst(String share, String which, int schedulers) {
		Instant now = clock.instant();
		int due = jdbc.sql("update relationship set contact_created_at = :created, next_evaluation_at = :due where "
				+ which)
			.param("created", ts(now.minus(Duration.ofDays(15))))
			.param("due", ts(now.minus(Duration.ofMinutes(1))))
			.update();
		jdbc.sql("vacuum analyze relationship").update();
		long pendingBefore = pendingEvents();
		long firedBefore = firedNudges();
		Cpu cpu = Cpu.now(postmaster());
		long start = System.nanoTime();
		RunResult run;
		try (ExecutorService threads = Executors.newFixedThreadPool(schedulers)) {
			List<CompletableFuture<RunResult>> runs = new ArrayList<>();
			for (int i = 0; i < schedulers; i++) {
				runs.add(CompletableFuture.supplyAsync(scheduler::runOnce, threads));
			}
			run = runs.stream()
				.map(CompletableFuture::join)
				.reduce((a, b) -> new RunResult(a.relationshipsEvaluated() + b.relationshipsEvaluated(),
						a.remindersFired() + b.remindersFired()))
				.orElseThrow();
		}
		long ran = System.nanoTime() - start;
		assertThat(run.relationshipsEvaluated()).as("each due row evaluated once").isEqualTo(due);
		Cpu used = Cpu.now(postmaster()).minus(cpu);
		Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
			.until(() -> pendingEvents() == 0);
		long published = System.nanoTime() - start;
		int evaluated = run.relationshipsEvaluated();
		line("| %s due (%,d): one run evaluated %,d relationships and fired %,d nudges | %.1f s, %,.0f evaluations/s |"
			.formatted(share, due, evaluated, firedNudges() - firedBefore, ran / 1e9, evaluated / (ran / 1e9)));
		line(("| %s due: CPU the run took, per evaluation (with its nudge): service JVM (with the embedded broker and "
				+ "the relay) + PostgreSQL | %.0f µs + %.0f µs = %.0f µs, i.e. %,.0f evaluations per CPU-second |")
			.formatted(share, used.jvmNanos() / 1e3 / evaluated, used.postgresNanos() / 1e3 / evaluated,
					used.total() / 1e3 / evaluated, evaluated / (used.total() / 1e9)));
		line("| %s due: every event of the run (%,d) acknowledged by the broker | %.1f s after the run started |"
			.formatted(share, pendingBefore + 3L * evaluated, published / 1e9));
	}

	/** The PostgreSQL server's main process: the parent of this connection's backend. */
	private long postmaster() {
		int backend = jdbc.sql("select pg_backend_pid()").query(Integer.class).single();
		return Cpu.stat(Path.of("/proc", String.valueOf(backend), "stat"))[1];
	}

	/**
	 * CPU time used so far by this JVM (the service, the embedded broker, the relay) and by the PostgreSQL server
	 * (the postmaster and its children: the pool's backends, the writers, autovacuum), from /proc (Linux). On a
	 * machine shared with other builds, wall time says how busy the machine was; CPU time says what the work costs.
	 */
	record Cpu(long jvmNanos, long postgresNanos) {

		static Cpu now(long postmaster) {
			long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
				.getOperatingSystemMXBean()).getProcessCpuTime();
			long ticks = 0;
			try (var processes = Files.list(Path.of("/proc"))) {
				for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
					.toList()) {
					long[] stat = stat(process.resolve("stat"));
					if (stat.length > 0 && (stat[0] == postmaster || stat[1] == postmaster)) {
						ticks += stat[2];
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return new Cpu(jvm, ticks * 10_000_000L); // USER_HZ is 100 on Linux
		}

		/** pid, ppid and utime + stime (ticks) of /proc/PID/stat; empty if the process is gone. */
		static long[] stat(Path file) {
			try {
				String line = Files.readString(file);
				String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
				return new long[] { Long.parseLong(line.substring(0, line.indexOf(' '))), Long.parseLong(fields[1]),
						Long.parseLong(fields[11]) + Long.parseLong(fields[12]) };
			}
			catch (IOException | RuntimeException ex) {
				return new long[0];
			}
		}

		Cpu minus(Cpu before) {
			return new Cpu(jvmNanos - before.jvmNanos, postgresNanos - before.postgresNanos);
		}

		long total() {
			return jvmNanos + postgresNanos;
		}

	}

	private long firedNudges() {
		return jdbc.sql("select count(*) from reminder where kind = 'KEEP_IN_TOUCH' and status = 'DUE'")
			.query(Long.class)
			.single();
	}

	private long pendingEvents() {
		return jdbc.sql("select count(*) from outbox_event where published_at is null").query(Long.class).single();
	}

	private void reads(String what, Supplier<Integer> request) {
		for (int i = 0; i < 20; i++) {
			request.get();
		}
		long[] took = new long[READS];
		for (int i = 0; i < READS; i++) {
			long start = System.nanoTime();
			assertThat(request.get()).isEqualTo(200);
			took[i] = System.nanoTime() - start;
		}
		Arrays.sort(took);
		line("| %s: p50 / p99 of %d | %.1f ms / %.1f ms |".formatted(what, READS, took[READS / 2] / 1e6,
				took[(int) Math.ceil(READS * 0.99) - 1] / 1e6));
	}

	private static long time(Runnable action) {
		long start = System.nanoTime();
		action.run();
		return System.nanoTime() - start;
	}

	private void line(String text) {
		report.append(text).append('\n');
		System.out.println(String.format(Locale.ROOT, "%s", text));
	}

}
