package dev.rapport.analytics.fact;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts per element, as a plain sorted map (what aggregates store as JSON): adding and taking back the same element
 * leaves the map as it was, which is what lets a subtractor undo an adder exactly.
 */
public final class Multiset {

	private Multiset() {
	}

	/** A copy of {@code counts} with {@code element} counted {@code delta} more times; gone once at zero. */
	public static <E extends Comparable<? super E>> Map<E, Integer> add(Map<E, Integer> counts, E element, int delta) {
		TreeMap<E, Integer> copy = new TreeMap<>(counts);
		copy.merge(element, delta, Integer::sum);
		if (copy.get(element) <= 0) {
			copy.remove(element);
		}
		return copy;
	}

	public static <E> long size(Map<E, Integer> counts) {
		return counts.values().stream().mapToLong(Integer::longValue).sum();
	}

}
