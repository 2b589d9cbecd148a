package dev.rapport.gateway.member;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.rapport.events.EventTypes;
import dev.rapport.events.MemberState;
import dev.rapport.events.Topics;
import dev.rapport.platform.outbox.Outbox;

/**
 * Members' state on {@link Topics#MEMBERS_STATE}, for the services that write to every member: written to the outbox
 * in the transaction of the change ({@link Members} calls it there), so a member exists on the topic exactly when
 * they exist here, and a member removed gets a tombstone. The outbox relay sends them when Kafka is there; identity
 * never waits for it.
 */
@Component
class MemberStates {

	private static final Logger log = LoggerFactory.getLogger(MemberStates.class);

	/** Members published per backfill transaction: a deployment's members in a few statements, locks held briefly. */
	static final int BACKFILL_BATCH = 500;

	private static final String STATE_TYPE = EventTypes.nameOf(MemberState.class);

	private final Outbox outbox;

	private final MemberStore store;

	private final TransactionTemplate transactions;

	private final Counter backfilled;

	MemberStates(Outbox outbox, MemberStore store, TransactionTemplate transactions, MeterRegistry meters) {
		this.outbox = outbox;
		this.store = store;
		this.transactions = transactions;
		this.backfilled = Counter.builder("rapport.members.state.backfilled")
			.description("Members whose state was published by the startup backfill (members from before the gateway "
					+ "published them)")
			.register(meters);
	}

	/** The member as they are after the change; in the change's transaction (the outbox refuses any other). */
	public void published(Member member, Instant at) {
		outbox.publish(state(member, at));
	}

	/** The member was removed: a tombstone for their key; in the removing transaction. */
	public void removed(UUID memberId) {
		outbox.publishTombstone(Topics.MEMBERS_STATE, memberId.toString(), STATE_TYPE);
	}

	/**
	 * Publishes the state of every member never published (those a deployment had before the gateway published
	 * members), in batches, each batch's members claimed, published and marked in one transaction. Safe with several
	 * instances starting at once: a claim skips the members another instance holds, and a member marked is never
	 * claimed again. A member held by a change that then rolled back is skipped here and published at the next start.
	 *
	 * @return how many members this call published
	 */
	int backfill(Instant at) {
		int total = 0;
		int claimed;
		do {
			claimed = transactions.execute(status -> {
				List<Member> members = store.claimUnpublished(BACKFILL_BATCH);
				if (!members.isEmpty()) {
					outbox.publishAll(members.stream().map(member -> state(member, at)).toList());
					store.markStatePublished(members.stream().map(Member::id).toList(), at);
				}
				return members.size();
			});
			total += claimed;
		}
		while (claimed == BACKFILL_BATCH);
		if (total > 0) {
			backfilled.increment(total);
			log.info("Published the state of {} members not published before on {}", total, Topics.MEMBERS_STATE);
		}
		return total;
	}

	private static MemberState state(Member member, Instant at) {
		return MemberState.of(member.id(), member.teamId(), member.email(), member.displayName(), member.roles(),
				member.createdAt(), at);
	}

}
