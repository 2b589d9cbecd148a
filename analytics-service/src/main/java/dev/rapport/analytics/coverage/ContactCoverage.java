package dev.rapport.analytics.coverage;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import dev.rapport.analytics.fact.Contribution;
import dev.rapport.analytics.fact.Multiset;

/**
 * Who in a team has talked to one contact, and when: per member, a multiset of the conversations' times (epoch
 * milliseconds), so a deleted or moved conversation is taken back exactly. The aggregate of the coverage KTable.
 */
public record ContactCoverage(Map<UUID, Map<Long, Integer>> talks) {

	public static final ContactCoverage EMPTY = new ContactCoverage(Map.of());

	public ContactCoverage {
		talks = talks == null ? Map.of() : talks;
	}

	public ContactCoverage plus(Contribution touch) {
		return apply(touch, 1);
	}

	public ContactCoverage minus(Contribution touch) {
		return apply(touch, -1);
	}

	private ContactCoverage apply(Contribution touch, int sign) {
		TreeMap<UUID, Map<Long, Integer>> next = new TreeMap<>(talks);
		Map<Long, Integer> times = Multiset.add(next.getOrDefault(touch.memberId(), Map.of()),
				touch.happenedAt().toEpochMilli(), sign);
		if (times.isEmpty()) {
			next.remove(touch.memberId());
		}
		else {
			next.put(touch.memberId(), times);
		}
		return new ContactCoverage(next);
	}

	/** Each member's latest conversation with the contact; null when nobody has talked to her (a tombstone). */
	public LastTalks lastTalks() {
		if (talks.isEmpty()) {
			return null;
		}
		Map<UUID, Instant> last = new TreeMap<>();
		talks.forEach((member, times) -> last.put(member,
				Instant.ofEpochMilli(times.keySet().stream().mapToLong(Long::longValue).max().orElseThrow())));
		return new LastTalks(last);
	}

	/** What every instance reads from {@link CoverageTopology#topic}: per member, when they last talked to her. */
	public record LastTalks(Map<UUID, Instant> byMember) {

		public LastTalks {
			byMember = byMember == null ? Map.of() : Map.copyOf(byMember);
		}

	}

}
