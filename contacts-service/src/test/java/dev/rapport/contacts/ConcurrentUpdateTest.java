package dev.rapport.contacts;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rapport.platform.test.ApiClient;
import dev.rapport.platform.test.ServiceIntegrationTest;
import dev.rapport.platform.test.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/** Optimistic locking under real concurrency: of many writers holding the same version, exactly one wins. */
@ServiceIntegrationTest
class ConcurrentUpdateTest {

	@LocalServerPort
	int port;

	@Test
	void exactlyOneOfConcurrentWritersWithTheSameVersionWins() throws Exception {
		ApiClient api = new ApiClient(port);
		String token = TestTokens.token(UUID.randomUUID(), UUID.randomUUID());
		String path = "/api/contacts/"
				+ api.post("/api/contacts", token, "{\"displayName\": \"Contended\"}").json().get("id").asString();
		int writers = 8;
		CountDownLatch start = new CountDownLatch(1);

		List<Integer> statuses;
		try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
			List<Future<Integer>> results = IntStream.range(0, writers).mapToObj(i -> pool.submit(() -> {
				start.await();
				return api.patch(path, token, "{\"company\": \"Writer %d\"}".formatted(i), Map.of("If-Match", "\"1\""))
					.status();
			})).toList();
			start.countDown();
			statuses = results.stream().map(ConcurrentUpdateTest::get).toList();
		}

		assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
		assertThat(statuses).filteredOn(status -> status == 412).hasSize(writers - 1);
		var stored = api.get(path, token).json();
		assertThat(stored.get("version").asLong()).isEqualTo(2);
		assertThat(stored.get("company").asString()).startsWith("Writer ");
	}

	private static Integer get(Future<Integer> future) {
		try {
			return future.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
