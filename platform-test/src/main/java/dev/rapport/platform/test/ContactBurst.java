package dev.rapport.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;

import org.awaitility.Awaitility;

import dev.rapport.events.ContactCreated;
import dev.rapport.events.ContactSnapshot;
import dev.rapport.events.ContactSnapshot.Email;
import dev.rapport.events.ContactSnapshot.ImportantDate;
import dev.rapport.events.ContactSnapshot.Visibility;

/**
 * The consumers' side of the 100,000-contact import (contacts-service's ImportBenchmark is the producer's): a burst of
 * {@code ContactCreated} events as an import publishes them, one team, a birthday each, onto the real topic, and how
 * long a consumer takes until it has applied them all. For each consuming service's own benchmark class, run on
 * demand (not part of the suite); the report is Markdown for reading, the only assertion that all were applied.
 */
public final class ContactBurst {

	private ContactBurst() {
	}

	/** What one run measured: sending the burst (to every acknowledgement), and from its first send to all applied. */
	public record Result(int events, Duration sending, Duration applied) {

		public double perSecond() {
			return events / (applied.toMillis() / 1000.0);
		}

	}

	/**
	 * Sends {@code count} ContactCreated for {@code team}, then waits (up to 10 minutes) until {@code applied} reports
	 * them all, and writes the figures to {@code report} under the name of {@code consumer}.
	 */
	public static Result run(String consumer, int count, UUID team, LongSupplier applied, Path report) {
		UUID owner = UUID.randomUUID();
		Instant now = Instant.now();
		List<ContactCreated> events = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			ContactSnapshot contact = new ContactSnapshot("Burst Contact " + i, "Burst", "Contact " + i,
					List.of(new Email("burst" + i + "@example.com", null)), List.of(), "Analytical Engines", null, null,
					null, List.of("imported:burst"), List.of(), null,
					List.of(new ImportantDate(ImportantDate.Kind.BIRTHDAY, null, 1 + i % 12, 1 + i % 28, null)), null,
					Visibility.PRIVATE, false, 1, now, now);
			events.add(ContactCreated.of(UUID.randomUUID(), team, owner, contact, now));
		}
		String loadBefore = loadAverage();
		long start = System.nanoTime();
		try (TopicWriter writer = new TopicWriter()) {
			writer.sendAll(events);
		}
		Duration sending = Duration.ofNanos(System.nanoTime() - start);
		Awaitility.await()
			.atMost(Duration.ofMinutes(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> applied.getAsLong() >= count);
		Result result = new Result(count, sending, Duration.ofNanos(System.nanoTime() - start));
		write(report, consumer, result, loadBefore, loadAverage());
		return result;
	}

	private static void write(Path report, String consumer, Result result, String before, String after) {
		String text = """
				## %s applying %,d ContactCreated (one team, an email and a birthday each)

				JVM %s, %d cores; embedded PostgreSQL and Kafka broker in the same JVM.

				| step | time | events/s |
				|---|---|---|
				| burst sent to the broker (every acknowledgement) | %.1f s | %,.0f |
				| first send to every event applied | %.1f s | %,.0f |

				Load average (1, 5, 15 min) before: %s; after: %s.
				""".formatted(consumer, result.events(), Runtime.version(), Runtime.getRuntime().availableProcessors(),
				result.sending().toMillis() / 1000.0, result.events() / (result.sending().toMillis() / 1000.0),
				result.applied().toMillis() / 1000.0, result.perSecond(), before, after);
		try {
			Files.createDirectories(report.getParent());
			Files.writeString(report, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.out.println(text);
	}

	/** The machine's load average (1, 5, 15 min), so a figure taken while other builds ran says so. */
	public static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + ", " + parts[1] + ", " + parts[2];
		}
		catch (IOException | RuntimeException unknown) {
			return "unknown";
		}
	}

}
