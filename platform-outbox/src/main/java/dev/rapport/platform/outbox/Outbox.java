package dev.rapport.platform.outbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.events.EventCodec;
import dev.rapport.events.RapportEvent;
import dev.rapport.events.Topics;
import dev.rapport.platform.transaction.AfterCommit;

/**
 * Where services publish events: the event is written to the outbox table inside the caller's transaction, so it
 * exists exactly when the state change it describes does. {@link OutboxRelay} sends it to Kafka afterwards.
 */
public class Outbox {

	/** Five parameters an event: well under PostgreSQL's 65,535 parameters a statement. */
	private static final int MAX_EVENTS_PER_STATEMENT = 1000;

	private final JdbcClient jdbc;

	private final EventCodec codec;

	private final JsonMapper json;

	private final OutboxRelay relay;

	private final ObjectProvider<Tracer> tracer;

	private final ObjectProvider<Propagator> propagator;

	public Outbox(JdbcClient jdbc, EventCodec codec, JsonMapper json, OutboxRelay relay,
			ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.jdbc = jdbc;
		this.codec = codec;
		this.json = json;
		this.relay = relay;
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/** Records the event for publication on its topic ({@link Topics#of}), keyed by {@link RapportEvent#key()}. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void publish(RapportEvent event) {
		jdbc.sql("""
				insert into outbox_event (event_id, topic, record_key, event_type, payload, headers)
				values (:eventId, :topic, :key, :type, :payload, cast(:headers as jsonb))
				""")
			.param("eventId", event.eventId())
			.param("topic", Topics.of(event))
			.param("key", event.key())
			.param("type", event.type())
			.param("payload", codec.toJson(event))
			.param("headers", json.writeValueAsString(traceHeaders()))
			.update();
		wakeUpAfterCommit();
	}

	/**
	 * Records many events at once, in their order (one statement per thousand, not one per event): what a service
	 * creating many aggregates in one transaction (an import) publishes. The same as {@link #publish} for each.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void publishAll(List<? extends RapportEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		String headers = json.writeValueAsString(traceHeaders());
		for (int from = 0; from < events.size(); from += MAX_EVENTS_PER_STATEMENT) {
			List<? extends RapportEvent> chunk = events.subList(from,
					Math.min(events.size(), from + MAX_EVENTS_PER_STATEMENT));
			StringBuilder sql = new StringBuilder(
					"insert into outbox_event (event_id, topic, record_key, event_type, payload, headers) values ");
			Map<String, Object> params = new HashMap<>();
			params.put("headers", headers);
			for (int i = 0; i < chunk.size(); i++) {
				RapportEvent event = chunk.get(i);
				sql.append(i == 0 ? "" : ", ")
					.append("(:eventId%1$d, :topic%1$d, :key%1$d, :type%1$d, :payload%1$d, cast(:headers as jsonb))"
						.formatted(i));
				params.put("eventId" + i, event.eventId());
				params.put("topic" + i, Topics.of(event));
				params.put("key" + i, event.key());
				params.put("type" + i, event.type());
				params.put("payload" + i, codec.toJson(event));
			}
			jdbc.sql(sql.toString()).params(params).update();
		}
		wakeUpAfterCommit();
	}

	/**
	 * Records a tombstone for {@code key} on a compacted topic ({@link Topics#COMPACTED}): a record with a null
	 * value, sent in order with the events around it, after which compaction removes every earlier record of the key.
	 * What a service writes when it erases the aggregate, in the erasing transaction.
	 *
	 * @param stateType the state event type of the topic (e.g. {@code ContactState}): the tombstone's {@code ce_type}
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void publishTombstone(String topic, String key, String stateType) {
		if (!Topics.COMPACTED.contains(topic)) {
			throw new IllegalArgumentException("Tombstones only go on compacted topics " + Topics.COMPACTED
					+ ", not " + topic);
		}
		jdbc.sql("""
				insert into outbox_event (event_id, topic, record_key, event_type, payload, headers)
				values (:eventId, :topic, :key, :type, null, cast(:headers as jsonb))
				""")
			.param("eventId", UUID.randomUUID())
			.param("topic", topic)
			.param("key", key)
			.param("type", stateType)
			.param("headers", json.writeValueAsString(traceHeaders()))
			.update();
		wakeUpAfterCommit();
	}

	private void wakeUpAfterCommit() {
		AfterCommit.run(relay::wakeUp);
	}

	/** The request's trace context travels with the event, so consumers continue the same trace. */
	private Map<String, String> traceHeaders() {
		Map<String, String> headers = new HashMap<>();
		Tracer currentTracer = tracer.getIfAvailable();
		Propagator currentPropagator = propagator.getIfAvailable();
		if (currentTracer != null && currentPropagator != null && currentTracer.currentTraceContext().context() != null) {
			currentPropagator.inject(currentTracer.currentTraceContext().context(), headers, Map::put);
		}
		return headers;
	}

}
