package dev.rapport.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Blocking HTTP calls made by several clients at once, on threads of their own. Not on Reactor's shared
 * boundedElastic workers: the gateway under test runs in the same JVM and moves its blocking work (database lookups)
 * there, so test clients blocked on those workers would wait on work queued behind themselves.
 */
public final class ConcurrentClients {

	private ConcurrentClients() {
	}

	/** Call {@code i} for every i below {@code calls}, by {@code clients} clients; the answers in call order. */
	public static <T> List<T> run(int calls, int clients, IntFunction<T> call) {
		try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
			List<Future<T>> pending = new ArrayList<>();
			for (int i = 0; i < calls; i++) {
				int index = i;
				pending.add(pool.submit(() -> call.apply(index)));
			}
			List<T> answers = new ArrayList<>();
			for (Future<T> answer : pending) {
				answers.add(answer.get());
			}
			return answers;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError(e);
		}
		catch (ExecutionException e) {
			throw new AssertionError(e.getCause());
		}
	}

}
