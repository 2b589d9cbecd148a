package dev.rapport.platform.web;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list endpoint: the items plus what a client needs to fetch the next page. Counting every match of
 * a broad search is what makes it slow at scale, so a list may stop counting at a cap: then {@code totalExact} is
 * false and {@code totalItems} is a lower bound ("10,000+").
 */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, int totalPages,
		boolean totalExact) {

	public static final int DEFAULT_SIZE = 20;

	public static final int MAX_SIZE = 100;

	public static <T> PageResponse<T> of(List<T> items, int page, int size, long totalItems) {
		return of(items, page, size, totalItems, true);
	}

	public static <T> PageResponse<T> of(List<T> items, int page, int size, long totalItems, boolean totalExact) {
		return new PageResponse<>(List.copyOf(items), page, size, totalItems, (int) ((totalItems + size - 1) / size),
				totalExact);
	}

	public <R> PageResponse<R> map(Function<T, R> mapper) {
		return new PageResponse<>(items.stream().map(mapper).toList(), page, size, totalItems, totalPages, totalExact);
	}

	public long offset() {
		return (long) page * size;
	}

}
