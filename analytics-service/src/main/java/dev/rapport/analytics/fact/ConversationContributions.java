package dev.rapport.analytics.fact;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.rapport.analytics.fact.Contribution.Outcome;
import dev.rapport.events.ConversationFact;
import dev.rapport.events.ConversationFact.FollowUpFact;
import dev.rapport.events.InteractionSnapshot.FollowUp.Owner;

/**
 * Turns each interaction's latest {@link ConversationFact} (or its tombstone) into the contribution rows it makes,
 * and forwards only what changed since the fact it last saw: a new row, a changed row, or a null for a row that is
 * gone. Kafka Streams tables have no flatMap, so this keeps the last fact per interaction in
 * {@link #STORE} (backed by a changelog topic) to know which rows an update or a delete takes back.
 *
 * <p>
 * Row keys: {@code c|<interaction>} the conversation, {@code f|<interaction>|<follow-up>} each dated follow-up the
 * author owes, {@code t|<interaction>|<contact>} each person talked to. A redelivered fact changes nothing; a fact
 * older (by {@code version}) than the one kept is a late duplicate and is dropped.
 */
public class ConversationContributions implements Processor<String, ConversationFact, String, Contribution> {

	public static final String STORE = "conversation-facts";

	private ProcessorContext<String, Contribution> context;

	private KeyValueStore<String, ConversationFact> facts;

	@Override
	public void init(ProcessorContext<String, Contribution> context) {
		this.context = context;
		this.facts = context.getStateStore(STORE);
	}

	@Override
	public void process(Record<String, ConversationFact> record) {
		if (record.key() == null) {
			return;
		}
		ConversationFact previous = facts.get(record.key());
		ConversationFact current = record.value();
		if (previous != null && current != null && current.version() < previous.version()) {
			return;
		}
		Map<String, Contribution> before = rows(previous);
		Map<String, Contribution> after = rows(current);
		before.keySet()
			.stream()
			.filter(key -> !after.containsKey(key))
			.forEach(key -> context.forward(record.withKey(key).withValue((Contribution) null)));
		after.forEach((key, row) -> {
			if (!row.equals(before.get(key))) {
				context.forward(record.withKey(key).withValue(row));
			}
		});
		if (current == null) {
			facts.delete(record.key());
		}
		else {
			facts.put(record.key(), current);
		}
	}

	/** The rows one fact contributes, by row key; none for no fact. */
	static Map<String, Contribution> rows(ConversationFact fact) {
		Map<String, Contribution> rows = new LinkedHashMap<>();
		if (fact == null) {
			return rows;
		}
		String interaction = fact.interactionId().toString();
		rows.put("c|" + interaction,
				Contribution.conversation(fact.teamId(), fact.authorId(), fact.happenedAt(), fact.contactIds()));
		ZoneId zone = zone(fact.timeZone());
		for (FollowUpFact followUp : fact.followUps()) {
			if (followUp.owedBy() == Owner.ME && followUp.dueOn() != null) {
				rows.put("f|" + interaction + "|" + followUp.id(), Contribution.followUp(fact.teamId(), fact.authorId(),
						followUp.dueOn(), outcome(followUp, zone)));
			}
		}
		fact.contactIds()
			.forEach(contact -> rows.put("t|" + interaction + "|" + contact,
					Contribution.touch(fact.teamId(), fact.authorId(), contact, fact.happenedAt())));
		return rows;
	}

	static Outcome outcome(FollowUpFact followUp, ZoneId zone) {
		if (followUp.completedAt() == null) {
			return Outcome.OPEN;
		}
		return followUp.completedAt().atZone(zone).toLocalDate().isAfter(followUp.dueOn()) ? Outcome.LATE
				: Outcome.ON_TIME;
	}

	private static ZoneId zone(String timeZone) {
		try {
			return ZoneId.of(timeZone);
		}
		catch (DateTimeException ex) {
			return ZoneOffset.UTC;
		}
	}

}
