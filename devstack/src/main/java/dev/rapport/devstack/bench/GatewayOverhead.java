package dev.rapport.devstack.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.json.JsonMapper;

import dev.rapport.devstack.stack.DemoIdentity;
import dev.rapport.devstack.stack.GatewayClient;
import dev.rapport.devstack.stack.Ports;
import dev.rapport.devstack.stack.Service;

/**
 * {@code devstack gateway-bench}: what the gateway costs. The same authenticated {@code GET /api/contacts/{id}}
 * straight to contacts-service (with a token the gateway's key signed) and through the gateway (with a personal
 * access token, which it checks, swaps for a platform token and forwards), in alternating rounds of one run, so both
 * see the same machine. Reports throughput and latency percentiles of each, and their ratio.
 */
public final class GatewayOverhead {

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final URI gatewayUrl;

	private final URI contacts;

	private final PrintStream out;

	public GatewayOverhead(Ports ports, PrintStream out) {
		this.gatewayUrl = ports.gatewayUrl();
		this.contacts = ports.url(Service.named("contacts"));
		this.out = out;
	}

	record Side(String name, double requestsPerSecond, long p50Micros, long p99Micros) {
	}

	public List<Side> run(DemoIdentity identity, int requests, int concurrency, int rounds, int warmup)
			throws Exception {
		String accessToken = GatewayClient.signIn(gatewayUrl, DemoIdentity.ADMIN_EMAIL, identity.adminPassword())
			.createAccessToken("gateway-bench");
		String platformToken = identity.token(identity.userId(), identity.teamId(), DemoIdentity.DEMO_ROLES,
				Duration.ofHours(1), Clock.systemUTC());
		HttpResponse<String> created = http.send(HttpRequest.newBuilder(gatewayUrl.resolve("/api/contacts"))
			.header("Authorization", "Bearer " + accessToken)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"displayName\": \"Bench contact\", \"visibility\": \"TEAM\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		String path = "/api/contacts/" + JsonMapper.builder().build().readTree(created.body()).get("id").asString();
		out.printf("GET %s, %d requests x %d rounds per side, %d clients; alternating rounds%n", path, requests, rounds,
				concurrency);

		// Warm both paths (connection pools, the gateway's token cache, and the JIT: the gateway's deeper reactive
		// path kept getting faster over the first ~20,000 requests after a start) before measuring.
		measure(contacts.resolve(path), platformToken, warmup, concurrency);
		measure(gatewayUrl.resolve(path), accessToken, warmup, concurrency);

		List<long[]> direct = new ArrayList<>();
		List<long[]> gateway = new ArrayList<>();
		long directNanos = 0;
		long gatewayNanos = 0;
		Cpu directCpu = new Cpu();
		Cpu gatewayCpu = new Cpu();
		for (int round = 0; round < rounds; round++) {
			Cpu before = Cpu.now();
			long started = System.nanoTime();
			direct.add(measure(contacts.resolve(path), platformToken, requests, concurrency));
			directNanos += System.nanoTime() - started;
			Cpu between = Cpu.now();
			directCpu = directCpu.plus(between.minus(before));
			started = System.nanoTime();
			gateway.add(measure(gatewayUrl.resolve(path), accessToken, requests, concurrency));
			gatewayNanos += System.nanoTime() - started;
			gatewayCpu = gatewayCpu.plus(Cpu.now().minus(between));
		}
		Side directSide = side("direct to contacts-service", direct, directNanos);
		Side gatewaySide = side("through the gateway", gateway, gatewayNanos);
		for (Side side : List.of(directSide, gatewaySide)) {
			out.printf("  %-28s %7.0f req/s   p50 %6.2f ms   p99 %6.2f ms%n", side.name(), side.requestsPerSecond(),
					side.p50Micros() / 1000.0, side.p99Micros() / 1000.0);
		}
		out.printf("  gateway/direct throughput %.2f; added latency p50 %.2f ms, p99 %.2f ms%n",
				gatewaySide.requestsPerSecond() / directSide.requestsPerSecond(),
				(gatewaySide.p50Micros() - directSide.p50Micros()) / 1000.0,
				(gatewaySide.p99Micros() - directSide.p99Micros()) / 1000.0);
		long total = (long) requests * rounds;
		if (directCpu.contactsMillis() == 0 || gatewayCpu.gatewayMillis() == 0) {
			out.println("  CPU per request: not available (the processes' CPU time could not be read here)");
		}
		else {
			out.printf("  CPU per request: direct: contacts-service %.2f ms; through the gateway: gateway %.2f ms +"
					+ " contacts-service %.2f ms%n", directCpu.contactsMillis() / total,
					gatewayCpu.gatewayMillis() / total, gatewayCpu.contactsMillis() / total);
		}
		return List.of(directSide, gatewaySide);
	}

	/**
	 * CPU time the gateway and contacts-service processes have used (found by their jars; zero where the platform does
	 * not tell): what a request costs each, whatever else shares the machine.
	 */
	record Cpu(double gatewayMillis, double contactsMillis) {

		Cpu() {
			this(0, 0);
		}

		static Cpu now() {
			return new Cpu(cpuMillis("gateway.jar"), cpuMillis("contacts-service.jar"));
		}

		Cpu plus(Cpu other) {
			return new Cpu(gatewayMillis + other.gatewayMillis, contactsMillis + other.contactsMillis);
		}

		Cpu minus(Cpu other) {
			return new Cpu(gatewayMillis - other.gatewayMillis, contactsMillis - other.contactsMillis);
		}

		private static double cpuMillis(String jar) {
			return ProcessHandle.allProcesses()
				.filter(process -> process.info().commandLine().map(line -> line.contains("/jars/" + jar)).orElse(false))
				.findFirst()
				.flatMap(process -> process.info().totalCpuDuration())
				.map(cpu -> cpu.toNanos() / 1e6)
				.orElse(0.0);
		}

	}

	private long[] measure(URI uri, String token, int requests, int concurrency) throws Exception {
		long[] latencies = new long[requests];
		try (ExecutorService clients = Executors.newFixedThreadPool(concurrency)) {
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				int index = i;
				calls.add(clients.submit(() -> {
					long start = System.nanoTime();
					HttpResponse<Void> response = send(uri, token);
					latencies[index] = (System.nanoTime() - start) / 1_000;
					if (response.statusCode() != 200) {
						throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
					}
					return null;
				}));
			}
			for (Future<?> call : calls) {
				call.get();
			}
		}
		return latencies;
	}

	private HttpResponse<Void> send(URI uri, String token) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build(),
				HttpResponse.BodyHandlers.discarding());
	}

	private static Side side(String name, List<long[]> rounds, long nanos) {
		long[] all = rounds.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		return new Side(name, all.length / (nanos / 1e9), PipelineLoad.percentile(all, 50),
				PipelineLoad.percentile(all, 99));
	}

}
