package dev.rapport.events;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Members' state: the gateway's, on its own compacted topic, keyed by member, never on the analytics tier. */
class MemberStateTest {

	private final EventCodec codec = new EventCodec();

	@Test
	void memberStatesGoOnTheCompactedMembersTopicKeyedByMember() {
		MemberState state = MemberState.of(SampleEvents.OWNER, SampleEvents.TEAM, "ada@example.org", "Ada",
				List.of("member"), SampleEvents.CREATED, SampleEvents.NOW);

		assertThat(Topics.of(state)).isEqualTo("rapport.members.state.v1").isEqualTo(Topics.MEMBERS_STATE);
		assertThat(state.key()).isEqualTo(SampleEvents.OWNER.toString());
		assertThat(Topics.STATE).contains(Topics.MEMBERS_STATE);
		assertThat(Topics.COMPACTED).contains(Topics.MEMBERS_STATE);
		assertThat(Topics.config(Topics.MEMBERS_STATE)).containsEntry("cleanup.policy", "compact")
			.containsEntry("delete.retention.ms", "86400000")
			.containsEntry("max.compaction.lag.ms", "86400000");
		assertThat(Topics.EVERY_TOPIC).contains(Topics.MEMBERS_STATE)
			.doesNotContain(Topics.deadLetter(Topics.MEMBERS_STATE));
		assertThat(Topics.ANALYTICS).as("emails and names are personal data").doesNotContain(Topics.MEMBERS_STATE);
	}

	@Test
	void rolesAreSortedSoTheSameStateIsTheSameDocument() {
		MemberState state = MemberState.of(SampleEvents.OWNER, SampleEvents.TEAM, "ada@example.org", "Ada",
				List.of("operator", "admin", "member"), SampleEvents.CREATED, SampleEvents.NOW);

		assertThat(state.roles()).containsExactly("admin", "member", "operator");
		MemberState read = (MemberState) codec.fromJson("MemberState", codec.toJson(state));
		assertThat(read).isEqualTo(state);
		assertThat(codec.toJson(state)).contains("\"joinedAt\":\"2026-03-19T08:45:12.345678Z\"")
			.contains("\"roles\":[\"admin\",\"member\",\"operator\"]");
	}

}
