package dev.rapport.analytics.fact;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.rapport.events.RelationshipState;
import dev.rapport.events.RelationshipTransition;

/**
 * Follows each contact's {@link RelationshipTransition}s and turns them into cooling episodes: entering cooling (into
 * COOLING or COLD from WARM or DUE) opens one, rewarming (to WARM from COOLING or COLD) closes it. The contact's
 * {@link CoolingPhase} ("cooling since") lives in {@link #STORE}, backed by a changelog topic.
 *
 * <p>
 * Rows: {@code e|<contact>|<since>} an episode entered (re-sent with {@code recovered} once it rewarms, so recovery
 * counts against the week it entered), {@code r|<contact>|<since>} its rewarm, with how long it cooled. A duplicate
 * counts once: a transition whose event id was seen lately is dropped, entering while already cooling changes nothing,
 * and a rewarm with no episode open (its entry predates the stream) is not counted.
 */
public class CoolingEpisodes implements Processor<String, RelationshipTransition, String, Contribution> {

	public static final String STORE = "cooling-since";

	private static final Set<RelationshipState> WARMISH = Set.of(RelationshipState.WARM, RelationshipState.DUE);

	private static final Set<RelationshipState> COOLISH = Set.of(RelationshipState.COOLING, RelationshipState.COLD);

	/** Event ids remembered per contact: enough for a relay's redelivery of the last few, small enough to store. */
	static final int RECENT_EVENT_IDS = 8;

	private ProcessorContext<String, Contribution> context;

	private KeyValueStore<String, CoolingPhase> phases;

	@Override
	public void init(ProcessorContext<String, Contribution> context) {
		this.context = context;
		this.phases = context.getStateStore(STORE);
	}

	@Override
	public void process(Record<String, RelationshipTransition> record) {
		RelationshipTransition transition = record.value();
		if (transition == null) {
			return;
		}
		String contact = transition.contactId().toString();
		CoolingPhase phase = phases.get(contact);
		if (phase == null) {
			phase = CoolingPhase.NONE;
		}
		if (phase.recentEventIds().contains(transition.eventId())) {
			return;
		}
		CoolingPhase next = phase.remembering(transition.eventId());
		boolean entering = COOLISH.contains(transition.state()) && WARMISH.contains(transition.previousState());
		boolean rewarming = transition.state() == RelationshipState.WARM
				&& COOLISH.contains(transition.previousState());
		if (entering && next.coolingSince() == null) {
			next = next.cooling(transition.occurredAt(), transition.teamId(), transition.ownerId());
			forward(record, "e|" + contact + "|" + next.coolingSince().toEpochMilli(), Contribution
				.enteredCooling(next.teamId(), next.ownerId(), next.coolingSince(), false));
		}
		else if (rewarming && next.coolingSince() != null) {
			String episode = contact + "|" + next.coolingSince().toEpochMilli();
			forward(record, "e|" + episode,
					Contribution.enteredCooling(next.teamId(), next.ownerId(), next.coolingSince(), true));
			long cooledFor = Math.max(0, Duration.between(next.coolingSince(), transition.occurredAt()).toMillis());
			forward(record, "r|" + episode, Contribution.rewarmed(transition.teamId(), transition.ownerId(),
					transition.occurredAt(), cooledFor));
			next = next.warm();
		}
		phases.put(contact, next);
	}

	private void forward(Record<String, RelationshipTransition> record, String key, Contribution row) {
		context.forward(record.withKey(key).withValue(row));
	}

	/**
	 * A contact's cooling state as this consumer knows it: since when it is cooling (null when not), for whom it
	 * entered, and the ids of its latest transitions.
	 */
	public record CoolingPhase(Instant coolingSince, UUID teamId, UUID ownerId, List<UUID> recentEventIds) {

		static final CoolingPhase NONE = new CoolingPhase(null, null, null, List.of());

		public CoolingPhase {
			recentEventIds = recentEventIds == null ? List.of() : List.copyOf(recentEventIds);
		}

		CoolingPhase remembering(UUID eventId) {
			List<UUID> ids = new ArrayList<>(recentEventIds);
			ids.add(eventId);
			while (ids.size() > RECENT_EVENT_IDS) {
				ids.removeFirst();
			}
			return new CoolingPhase(coolingSince, teamId, ownerId, ids);
		}

		CoolingPhase cooling(Instant since, UUID team, UUID owner) {
			return new CoolingPhase(since, team, owner, recentEventIds);
		}

		CoolingPhase warm() {
			return new CoolingPhase(null, null, null, recentEventIds);
		}

	}

}
