package dev.rapport.devstack.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rotating the gateway's signing key while requests flow: the new key is published first and signs a few seconds
 * later (the system tests run the gateway with {@code RAPPORT_KEY_PUBLISH_AHEAD=10s}); contacts-service, which
 * verifies every forwarded token against the gateway's JWKS through its cache, answers every request throughout.
 * <p>
 * The two readers share one access token as fast as they can: the system tests run the gateway without a practical
 * rate limit (RunningDevstack), since on a fast machine the default one answered 429s, the limit working, not the
 * rotation failing.
 */
@ExtendWith(RunningDevstack.class)
@Order(7) // last: the rotation retires the key the other system tests sign with (junit-platform.properties)
class KeyRotationSystemTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void rotatingTheSigningKeyFailsNoRequest() throws Exception {
		GatewayClient admin = RunningDevstack.get().signInAsAdmin();
		String token = admin.createAccessToken("rotation");
		String contact = JSON.readTree(admin.call("POST", "/api/contacts",
				"{\"displayName\": \"Rotation\", \"visibility\": \"TEAM\"}").body()).get("id").asString();
		URI read = admin.gateway().resolve("/api/contacts/" + contact);

		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger answered = new AtomicInteger();
		Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
		List<String> failures = new CopyOnWriteArrayList<>();
		try (ExecutorService clients = Executors.newFixedThreadPool(2)) {
			List<Future<?>> loops = List.of(clients.submit(() -> readWhile(running, read, token, answered, statuses,
					failures)), clients.submit(() -> readWhile(running, read, token, answered, statuses, failures)));
			try {
				rotateWhileReading(admin, answered);
			}
			finally {
				// Also when a step above fails: otherwise closing the pool would wait for the readers forever.
				running.set(false);
			}
			for (Future<?> loop : loops) {
				loop.get();
			}
		}

		assertThat(failures).as("requests that got no answer").isEmpty();
		assertThat(statuses).as("statuses of %d reads across the rotation", answered.get()).containsOnlyKeys(200);
	}

	private static void rotateWhileReading(GatewayClient admin, AtomicInteger answered) {
		await().atMost(Duration.ofSeconds(10)).until(() -> answered.get() > 20);
		JsonNode rotated = JSON.readTree(admin.call("POST", "/api/admin/signing-keys/rotate", null).body());
		String newKid = rotated.get("kid").asString();
		assertThat(rotated.get("state").asString()).isEqualTo("NEXT");
		await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(admin.call("GET",
				"/api/admin/signing-keys", null).body())
			.valueStream()
			.anyMatch(key -> key.get("kid").asString().equals(newKid) && key.get("state").asString().equals("ACTIVE")));
		int atSwitch = answered.get();
		await().atMost(Duration.ofSeconds(60)).until(() -> answered.get() > atSwitch + 100);
	}

	private void readWhile(AtomicBoolean running, URI read, String token, AtomicInteger answered,
			Map<Integer, Integer> statuses, List<String> failures) {
		while (running.get()) {
			try {
				HttpResponse<Void> response = http.send(HttpRequest.newBuilder(read)
					.header("Authorization", "Bearer " + token)
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.discarding());
				statuses.merge(response.statusCode(), 1, Integer::sum);
				answered.incrementAndGet();
			}
			catch (Exception ex) {
				failures.add(ex.toString());
				answered.incrementAndGet();
			}
		}
	}

}
