package dev.rapport.interactions;

import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.rapport.events.ContactSnapshot.Visibility;
import dev.rapport.interactions.contact.ContactReplica;
import dev.rapport.interactions.contact.ContactReplicaRepository;
import dev.rapport.platform.test.ConsumerContracts;
import dev.rapport.platform.test.ConsumerContracts.Pin;
import dev.rapport.platform.test.ServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer's side of the contract: the contact events this service pinned (events'
 * {@code contracts/interactions-service/}), sent on the real topic as contacts-service sends them, build the replica
 * from exactly the fields they carry: team, owner, visibility, archive state, version, a handoff, erasure. Producers check
 * with {@link ConsumerContracts} that they keep emitting those fields.
 */
@ServiceIntegrationTest
class PinnedContactEventsTest {

	static final String CONSUMER = "interactions-service";

	@Autowired
	ContactReplicaRepository replicas;

	@Autowired
	JdbcClient jdbc;

	@Test
	void thePinnedSamplesDriveTheContactReplica() {
		Pin created = ConsumerContracts.of(CONSUMER, "ContactCreated");
		UUID contact = UUID.fromString(created.key());
		UUID team = UUID.fromString(created.sample().get("teamId").asString());
		UUID owner = UUID.fromString(created.sample().get("ownerId").asString());
		assertThat(ConsumerContracts.of(CONSUMER)).extracting(Pin::type)
			.containsExactly("ContactCreated", "ContactUpdated", "ContactArchived", "ContactUnarchived",
					"ContactHandedOff", "ContactDeleted", "ContactMerged");

		try (ContactFeed feed = new ContactFeed(replicas, jdbc)) {
			ContactReplica known = deliver(feed, created, replica -> replica.version() == 1);
			assertThat(known).isEqualTo(new ContactReplica(contact, team, owner, Visibility.TEAM, false, 1, false));

			ContactReplica updated = deliver(feed, ConsumerContracts.of(CONSUMER, "ContactUpdated"),
					replica -> replica.version() == 2);
			assertThat(updated.visibility()).isEqualTo(Visibility.PRIVATE);
			assertThat(updated.isVisibleTo(team, UUID.randomUUID())).as("private now: a teammate no longer sees it").isFalse();
			assertThat(updated.isVisibleTo(team, owner)).isTrue();

			deliver(feed, ConsumerContracts.of(CONSUMER, "ContactArchived"), ContactReplica::archived);
			deliver(feed, ConsumerContracts.of(CONSUMER, "ContactUnarchived"), replica -> !replica.archived());
			Pin handedOff = ConsumerContracts.of(CONSUMER, "ContactHandedOff");
			UUID successor = UUID.fromString(handedOff.sample().get("toMemberId").asString());
			ContactReplica theirs = deliver(feed, handedOff, replica -> replica.ownerId().equals(successor));
			assertThat(theirs.isVisibleTo(team, successor)).as("private, and the new owner's").isTrue();
			assertThat(theirs.isVisibleTo(team, owner)).as("no longer the previous owner's").isFalse();
			ContactReplica erased = deliver(feed, ConsumerContracts.of(CONSUMER, "ContactDeleted"), ContactReplica::deleted);
			assertThat(erased.isVisibleTo(team, owner)).isFalse();
			Pin merged = ConsumerContracts.of(CONSUMER, "ContactMerged");
			ContactReplica mergedAway = deliver(feed, merged, ContactReplica::deleted);
			assertThat(mergedAway.isVisibleTo(team, owner)).as("the merged-away contact is gone").isFalse();
		}
	}

	private static ContactReplica deliver(ContactFeed feed, Pin pin, Predicate<ContactReplica> effect) {
		feed.sendRaw(pin.key(), pin.type(), pin.value());
		return feed.awaitReplica(UUID.fromString(pin.key()), effect);
	}

}
