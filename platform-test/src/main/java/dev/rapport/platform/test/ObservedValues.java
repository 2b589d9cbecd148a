package dev.rapport.platform.test;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

/**
 * What an application's observations carry once they end (what a trace would export), for a test of what must never
 * be in them: a calendar feed's secret, say. Reads the observations after the application's filters ran.
 */
public final class ObservedValues {

	private ObservedValues() {
	}

	/** From now on, every high-cardinality value containing {@code fragment} of every observation that ends. */
	public static Queue<String> containing(ObservationRegistry registry, String fragment) {
		Queue<String> values = new ConcurrentLinkedQueue<>();
		registry.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {
			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				context.getHighCardinalityKeyValues()
					.stream()
					.map(KeyValue::getValue)
					.filter(value -> value.contains(fragment))
					.forEach(values::add);
			}
		});
		return values;
	}

}
