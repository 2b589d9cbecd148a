package dev.rapport.platform.web;

import java.util.List;
import java.util.function.Function;

/** One page of a list endpoint: the items plus what a client needs to fetch the next page. */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

	public static final int DEFAULT_SIZE = 20;

	public static final int MAX_SIZE = 100;

	public static <T> PageResponse<T> of(List<T> items, int page, int size, long totalItems) {
		return new PageResponse<>(List.copyOf(items), page, size, totalItems, (int) ((totalItems + size - 1) / size));
	}

	public <R> PageResponse<R> map(Function<T, R> mapper) {
		return new PageResponse<>(items.stream().map(mapper).toList(), page, size, totalItems, totalPages);
	}

	public long offset() {
		return (long) page * size;
	}

}
