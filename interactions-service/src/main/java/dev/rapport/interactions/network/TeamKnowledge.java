package dev.rapport.interactions.network;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.rapport.interactions.contact.ContactDirectory;
import dev.rapport.interactions.contact.ContactReplica;
import dev.rapport.interactions.contact.Introduction;
import dev.rapport.interactions.network.IntroductionPath.Link;
import dev.rapport.platform.security.Caller;
import dev.rapport.platform.web.PageResponse;

/**
 * What only a team knows about a contact: which teammates talk with them, and who could introduce the caller. Team
 * scoped like everything else: a contact the caller cannot see answers 404, and a path never goes through a
 * contact the caller cannot see (a teammate's private one), so it reveals nothing the caller could not read.
 */
@Service
public class TeamKnowledge {

	private static final Comparator<IntroductionPath> SHORTEST_THEN_WARMEST = Comparator
		.comparingInt(IntroductionPath::hops)
		.thenComparing(Comparator.comparingDouble(IntroductionPath::warmth).reversed())
		.thenComparing(path -> path.memberId().toString());

	/** How far back a conversation counts for single-owner risk: a relationship someone kept up this year. */
	static final Duration SINGLE_OWNER_WINDOW = Duration.ofDays(365);

	private final TeamKnowledgeRepository knowledge;

	private final ContactDirectory contacts;

	private final Clock clock;

	TeamKnowledge(TeamKnowledgeRepository knowledge, ContactDirectory contacts, Clock clock) {
		this.knowledge = knowledge;
		this.contacts = contacts;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public KnownBy knownBy(Caller caller, UUID contactId) {
		contacts.requireVisible(caller, contactId);
		return new KnownBy(contactId,
				knowledge.acquaintances(caller.teamId(), List.of(contactId), clock.instant()).getOrDefault(contactId, List.of()));
	}

	/**
	 * Each teammate's best way to the contact, shortest and warmest first: talking with them directly, else through
	 * the warmest contact they talk with who introduced them, was introduced by them, or was in a conversation with
	 * them. Two hops at most: a longer chain of favours is not an introduction anyone acts on.
	 */
	@Transactional(readOnly = true)
	public List<IntroductionPath> introductions(Caller caller, UUID contactId, int limit) {
		contacts.requireVisible(caller, contactId);
		Map<UUID, Link> neighbours = new LinkedHashMap<>();
		for (Introduction introduction : contacts.introductionsOf(contactId)) {
			neighbours.putIfAbsent(introduction.contact().contactId(),
					introduction.introducedThem() ? Link.INTRODUCED_THEM : Link.THEY_INTRODUCED);
		}
		for (UUID other : knowledge.metTogether(caller.teamId(), contactId)) {
			neighbours.putIfAbsent(other, Link.MET_TOGETHER);
		}
		List<UUID> reachable = contacts.visibleTo(caller.teamId(), caller.userId(), neighbours.keySet())
			.stream()
			.map(ContactReplica::contactId)
			.filter(id -> !id.equals(contactId))
			.toList();
		List<UUID> asked = new ArrayList<>(reachable);
		asked.add(contactId);
		Map<UUID, List<Acquaintance>> known = knowledge.acquaintances(caller.teamId(), asked, clock.instant());

		Map<UUID, IntroductionPath> best = new LinkedHashMap<>();
		for (Acquaintance direct : known.getOrDefault(contactId, List.of())) {
			best.put(direct.memberId(), path(direct, 1, null, Link.DIRECT));
		}
		for (UUID via : reachable) {
			for (Acquaintance acquaintance : known.getOrDefault(via, List.of())) {
				best.merge(acquaintance.memberId(), path(acquaintance, 2, via, neighbours.get(via)),
						(kept, offered) -> SHORTEST_THEN_WARMEST.compare(offered, kept) < 0 ? offered : kept);
			}
		}
		return best.values().stream().sorted(SHORTEST_THEN_WARMEST).limit(limit).toList();
	}

	/**
	 * The contacts the caller can see that exactly one teammate talked with in the last {@link #SINGLE_OWNER_WINDOW}
	 * (optionally: only {@code memberId}'s), the longest silence first. Unlike analytics-service's single-owner risk
	 * (an aggregate of the analytics tier, which knows no contact's visibility), this one answers per caller, as "who
	 * knows whom" does: a teammate's private contact is never listed.
	 */
	@Transactional(readOnly = true)
	public PageResponse<SingleOwnerRisk> singleOwnerRisks(Caller caller, UUID memberId, int page, int size) {
		TeamKnowledgeRepository.RiskPage found = knowledge.singleOwnerRisks(caller.teamId(), caller.userId(), memberId,
				clock.instant().minus(SINGLE_OWNER_WINDOW), size, (long) page * size);
		return PageResponse.of(found.items(), page, size, found.total());
	}

	private static IntroductionPath path(Acquaintance first, int hops, UUID via, Link link) {
		return new IntroductionPath(first.memberId(), hops, via, link, first.warmth(), first.conversations(),
				first.lastTalkedAt());
	}

}
