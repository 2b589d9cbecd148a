package dev.rapport.analytics.coverage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import dev.rapport.analytics.coverage.ContactCoverage.LastTalks;

/**
 * The contacts of a team only one teammate has talked to in the last {@link #WINDOW} (by the service's clock): who
 * would be lost if that teammate left. Read from the global {@link CoverageTopology#STORE}; the most at risk (the
 * longest since that one conversation) first.
 */
public class SingleOwnerRisk {

	public static final Duration WINDOW = Duration.ofDays(90);

	public static final int MAX_LIMIT = 200;

	private static final Comparator<Item> ORDER = Comparator.comparing(Item::lastTalkedAt)
		.thenComparing(item -> item.contactId().toString());

	private final Supplier<ReadOnlyKeyValueStore<String, LastTalks>> store;

	private final Clock clock;

	public SingleOwnerRisk(Supplier<ReadOnlyKeyValueStore<String, LastTalks>> store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/** Up to {@code limit} items after {@code after} (a {@link Page#nextCursor()}, or null for the first page). */
	public Page page(UUID teamId, int limit, Cursor after) {
		Instant now = clock.instant();
		Instant since = now.minus(WINDOW);
		String prefix = teamId + "|";
		List<Item> items = new ArrayList<>();
		try (KeyValueIterator<String, LastTalks> rows = store.get().prefixScan(prefix, new StringSerializer())) {
			while (rows.hasNext()) {
				KeyValue<String, LastTalks> row = rows.next();
				List<Map.Entry<UUID, Instant>> recent = row.value.byMember()
					.entrySet()
					.stream()
					.filter(talk -> !talk.getValue().isBefore(since))
					.toList();
				if (recent.size() == 1) {
					Item item = new Item(UUID.fromString(row.key.substring(prefix.length())), recent.get(0).getKey(),
							recent.get(0).getValue());
					if (after == null || ORDER.compare(item, after.item()) > 0) {
						items.add(item);
					}
				}
			}
		}
		items.sort(ORDER);
		if (items.size() <= limit) {
			return new Page(items, null);
		}
		List<Item> page = List.copyOf(items.subList(0, limit));
		return new Page(page, Cursor.after(page.getLast()).encoded());
	}

	/** A contact at risk: the one teammate who talked to her in the window, and when they last did. */
	public record Item(UUID contactId, UUID memberId, Instant lastTalkedAt) {
	}

	/** A page of items and the cursor of the next one (null on the last page). */
	public record Page(List<Item> items, String nextCursor) {
	}

	/** Where a page ends: the last item's time and contact, opaque to clients (URL-safe Base64). */
	public record Cursor(Instant lastTalkedAt, UUID contactId) {

		static Cursor after(Item item) {
			return new Cursor(item.lastTalkedAt(), item.contactId());
		}

		Item item() {
			return new Item(contactId, null, lastTalkedAt);
		}

		String encoded() {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString((lastTalkedAt + "_" + contactId).getBytes(StandardCharsets.UTF_8));
		}

		/** @throws IllegalArgumentException when {@code encoded} is no cursor this service gave out */
		public static Cursor decode(String encoded) {
			try {
				String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("_");
				if (parts.length != 2) {
					throw new IllegalArgumentException("not a cursor");
				}
				return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException("not a cursor", ex);
			}
		}

	}

}
